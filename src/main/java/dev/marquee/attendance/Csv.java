package dev.marquee.attendance;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, streamed: one record at a time, with the physical line it starts on. Quoted fields may
 * hold commas, doubled quotes and line breaks; a UTF-8 byte order mark at the start (as spreadsheets
 * write it) is not part of the first field. Files are UTF-8: {@link #open} refuses a UTF-16 byte order
 * mark, the reader it answers refuses bytes that are not UTF-8, and the parser a NUL character.
 */
final class Csv {

	/**
	 * What a spreadsheet runs as a formula or treats specially at the start of a cell (OWASP, CSV
	 * injection): {@code = + - @}, TAB and CR.
	 */
	private static final String FORMULA_START = "=+-@\t\r";

	private Csv() {
	}

	/**
	 * A strict UTF-8 reader of the file: a UTF-16 (or UTF-32 little-endian) byte order mark is refused at
	 * once, and reading bytes that are not UTF-8 throws a {@link java.nio.charset.CharacterCodingException}
	 * (see {@link #notUtf8} for where).
	 */
	static BufferedReader open(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] start = in.readNBytes(2);
			if (start.length == 2 && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
					|| (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE))) {
				throw new CsvException(1, 1, "The file is UTF-16 (it starts with a UTF-16 byte order mark). "
						+ "Save it as UTF-8 (\"CSV UTF-8\" in spreadsheets) and import it again.");
			}
		}
		return new BufferedReader(new InputStreamReader(Files.newInputStream(file),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)));
	}

	/**
	 * Where a file that failed to decode stops being UTF-8: the physical line (1-based) and byte, as the
	 * error to answer. A reader decodes ahead in blocks, so the parser's line is not where the bad byte is.
	 */
	static CsvException notUtf8(Path file) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int number = 1;
			for (int b = in.read();; b = in.read()) {
				if (b == -1 || b == '\n') {
					byte[] bytes = line.toByteArray();
					Integer bad = firstBadByte(bytes);
					if (bad != null) {
						return new CsvException(number, 1, "Line " + number + " is not UTF-8 (byte 0x"
								+ String.format("%02X", bytes[bad] & 0xFF) + " at position " + (bad + 1)
								+ " of the line): the file looks like Latin-1 or Windows-1252. Save it as UTF-8 "
								+ "(\"CSV UTF-8\" in spreadsheets) and import it again.");
					}
					if (b == -1) {
						return new CsvException(number, 1, "The file is not UTF-8. Save it as UTF-8 and import it again.");
					}
					line.reset();
					number++;
				}
				else {
					line.write(b);
				}
			}
		}
	}

	private static Integer firstBadByte(byte[] line) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(line);
		CharBuffer chars = CharBuffer.allocate(line.length + 1);
		CoderResult result = decoder.decode(bytes, chars, true);
		if (result.isError()) {
			return bytes.position();
		}
		return null;
	}

	/** A record and the line number (1-based) it starts on. */
	record Row(int line, List<String> fields) {
	}

	static final class Parser {

		private final Reader in;

		private int line = 1;

		private int peeked = -2;

		private boolean started;

		Parser(Reader in) {
			this.in = in;
		}

		/** The next record, or null at the end of input. A byte order mark opening the input is skipped. */
		Row next() throws IOException {
			int c = read();
			if (c == '\uFEFF' && this.line == 1 && !this.started) {
				c = read();
			}
			this.started = true;
			if (c == -1) {
				return null;
			}
			int startLine = this.line;
			List<String> fields = new ArrayList<>();
			StringBuilder field = new StringBuilder();
			boolean quoted = false;
			boolean wasQuoted = false;
			while (true) {
				// every character is checked here: the first of a record and the one after a quote too
				if (c == 0) {
					throw new CsvException(this.line, fields.size() + 1, "The file holds a NUL character: it is not "
							+ "UTF-8 text (UTF-16 without a byte order mark?). Save it as UTF-8 and import it again.");
				}
				if (quoted) {
					if (c == -1) {
						throw new CsvException(startLine, fields.size() + 1, "A quoted field is not closed.");
					}
					if (c == '"') {
						int n = read();
						if (n == '"') {
							field.append('"');
						}
						else {
							quoted = false;
							c = n;
							continue;
						}
					}
					else {
						if (c == '\n') {
							this.line++;
						}
						field.append((char) c);
					}
				}
				else if (c == '"' && field.length() == 0 && !wasQuoted) {
					quoted = true;
					wasQuoted = true;
				}
				else if (c == ',') {
					fields.add(field.toString());
					field.setLength(0);
					wasQuoted = false;
				}
				else if (c == '\r' || c == '\n' || c == -1) {
					if (c == '\r') {
						int n = read();
						if (n != '\n') {
							unread(n);
						}
					}
					if (c != -1) {
						this.line++;
					}
					fields.add(field.toString());
					return new Row(startLine, fields);
				}
				else if (wasQuoted) {
					throw new CsvException(startLine, fields.size() + 1, "Text after a closing quote.");
				}
				else {
					field.append((char) c);
				}
				c = read();
			}
		}

		private int read() throws IOException {
			if (this.peeked != -2) {
				int c = this.peeked;
				this.peeked = -2;
				return c;
			}
			return this.in.read();
		}

		private void unread(int c) {
			this.peeked = c;
		}

	}

	/**
	 * A field for a file people open in spreadsheets: text that a spreadsheet would run as a formula (it
	 * starts with one of {@code = + - @}, TAB or CR, after any apostrophes) gets one more leading
	 * apostrophe, which {@link #text} takes off again on import, so every value comes back as it was
	 * exported; then quotes when needed.
	 */
	static String field(String value) {
		if (value == null) {
			return "";
		}
		if (guarded(value)) {
			value = "'" + value;
		}
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	/**
	 * A text field as imported: trimmed, without the apostrophe {@link #field} puts before a formula
	 * (the inverse of {@link #field} for any value without surrounding spaces).
	 */
	static String text(String value) {
		String trimmed = value.trim();
		if (trimmed.length() > 1 && trimmed.charAt(0) == '\'' && guarded(trimmed.substring(1))) {
			return trimmed.substring(1);
		}
		return trimmed;
	}

	/** Whether {@link #field} puts an apostrophe before the value: it opens with {@code '*} and a formula start. */
	private static boolean guarded(String value) {
		int i = 0;
		while (i < value.length() && value.charAt(i) == '\'') {
			i++;
		}
		return i < value.length() && FORMULA_START.indexOf(value.charAt(i)) >= 0;
	}

	static final class CsvException extends RuntimeException {

		private final int line;

		private final int column;

		CsvException(int line, int column, String message) {
			super(message);
			this.line = line;
			this.column = column;
		}

		int line() {
			return this.line;
		}

		int column() {
			return this.column;
		}

	}

}
