package dev.marquee.attendance;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, streamed: one record at a time, with the physical line it starts on. Quoted fields may
 * hold commas, doubled quotes and line breaks; a UTF-8 byte order mark at the start (as spreadsheets
 * write it) is not part of the first field.
 */
final class Csv {

	private Csv() {
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
	 * A field for a file people open in spreadsheets: text that a spreadsheet would run as a formula
	 * ({@code = + - @}) gets a leading apostrophe, which {@link #text} takes off again on import; then
	 * quotes when needed.
	 */
	static String field(String value) {
		if (value == null) {
			return "";
		}
		if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
			value = "'" + value;
		}
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	/** A text field as imported: trimmed, without the apostrophe {@link #field} puts before a formula. */
	static String text(String value) {
		String trimmed = value.trim();
		if (trimmed.length() > 1 && trimmed.charAt(0) == '\'' && "=+-@".indexOf(trimmed.charAt(1)) >= 0) {
			return trimmed.substring(1);
		}
		return trimmed;
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
