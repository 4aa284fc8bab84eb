package dev.marquee.attendance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * RFC 4180 as spreadsheets write it: records with the line they start on, quoted commas, quotes and
 * line breaks; damage named by line and column; files that are not UTF-8 refused with the place that
 * shows it. What the export writes, the import reads back as it was, and no cell opens as a formula.
 */
class CsvTest {

	@TempDir
	Path dir;

	@Test
	void recordsAreSplitAtCommasAndEndAtAnyLineBreak() throws IOException {
		assertThat(rows("a,b,c\r\nd,e,f\ng,h,i\rj,k,l")).containsExactly(new Csv.Row(1, List.of("a", "b", "c")),
				new Csv.Row(2, List.of("d", "e", "f")), new Csv.Row(3, List.of("g", "h", "i")),
				new Csv.Row(4, List.of("j", "k", "l")));
	}

	@Test
	void emptyFieldsAndEmptyLinesAreKeptAsEmptyText() throws IOException {
		assertThat(rows("a,,c,\n\n,\n")).containsExactly(new Csv.Row(1, List.of("a", "", "c", "")),
				new Csv.Row(2, List.of("")), new Csv.Row(3, List.of("", "")));
	}

	@Test
	void aFinalLineBreakEndsTheLastRecordAndStartsNone() throws IOException {
		assertThat(rows("a\r\n")).containsExactly(new Csv.Row(1, List.of("a")));
		assertThat(rows("a")).containsExactly(new Csv.Row(1, List.of("a")));
		assertThat(rows("")).isEmpty();
	}

	@Test
	void quotedFieldsHoldCommasDoubledQuotesAndLineBreaksAndLaterRecordsKeepTheirPhysicalLine() throws IOException {
		assertThat(rows("\"Lovelace, Ada\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nnext,\"\",x\n"))
			.containsExactly(new Csv.Row(1, List.of("Lovelace, Ada", "say \"hi\"", "two\nlines")),
					new Csv.Row(3, List.of("next", "", "x")));
	}

	@Test
	void aQuoteInsideAnUnquotedFieldIsText() throws IOException {
		assertThat(rows("5\" screen,a\"b\n")).containsExactly(new Csv.Row(1, List.of("5\" screen", "a\"b")));
	}

	@Test
	void aByteOrderMarkOpeningTheInputIsNotPartOfTheFirstFieldAndIsTextElsewhere() throws IOException {
		assertThat(rows("\uFEFFemail,name\n\uFEFFx,y\n")).containsExactly(new Csv.Row(1, List.of("email", "name")),
				new Csv.Row(2, List.of("\uFEFFx", "y")));
	}

	@Test
	void aQuotedFieldThatIsNotClosedIsNamedByTheLineWhereItStartsAndItsColumn() {
		Csv.CsvException error = parseError("ok,fine\na,\"open\nstill open\n");

		assertThat(error).hasMessage("A quoted field is not closed.");
		assertThat(error.line()).isEqualTo(2);
		assertThat(error.column()).isEqualTo(2);
	}

	@Test
	void textAfterAClosingQuoteIsRefusedWithItsPlace() {
		Csv.CsvException error = parseError("a,b\nc,d,\"quoted\"tail\n");

		assertThat(error).hasMessage("Text after a closing quote.");
		assertThat(error.line()).isEqualTo(2);
		assertThat(error.column()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000,b\n", "a,\u0000b\n", "\u0000a,b\n", "x\n\u0000", "\"a\"\u0000,b\n", "\"a\u0000\",b\n",
			"\u0000" })
	void aNulCharacterAnywhereIsRefusedAsNotUtf8Text(String input) {
		Csv.CsvException error = parseError(input);

		assertThat(error).hasMessageStartingWith("The file holds a NUL character");
	}

	@Test
	void aUtf16FileIsRefusedBeforeAnythingIsRead() throws IOException {
		for (byte[] bom : new byte[][] { { (byte) 0xFF, (byte) 0xFE }, { (byte) 0xFE, (byte) 0xFF } }) {
			Path file = file(bom, "e\u0000m\u0000".getBytes(StandardCharsets.ISO_8859_1));

			Csv.CsvException error = catchThrowableOfType(Csv.CsvException.class, () -> Csv.open(file));

			assertThat(error).hasMessageContaining("The file is UTF-16").hasMessageContaining("CSV UTF-8");
			assertThat(error.line()).isEqualTo(1);
		}
	}

	@Test
	void aUtf8FileWithOrWithoutAByteOrderMarkReadsAsWritten() throws IOException {
		Path file = file(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				"name\nJos\u00e9 \u2603\n".getBytes(StandardCharsets.UTF_8));

		try (BufferedReader reader = Csv.open(file)) {
			Csv.Parser parser = new Csv.Parser(reader);
			assertThat(parser.next().fields()).containsExactly("name");
			assertThat(parser.next().fields()).containsExactly("Jos\u00e9 \u2603");
			assertThat(parser.next()).isNull();
		}
	}

	@Test
	void aLatin1FileFailsToReadAndIsNamedByTheLineAndByteThatAreNotUtf8() throws IOException {
		Path file = file("email,name\nada@example.com,Ada\ngrace@example.com,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThatExceptionOfType(CharacterCodingException.class).isThrownBy(() -> {
			try (BufferedReader reader = Csv.open(file)) {
				Csv.Parser parser = new Csv.Parser(reader);
				while (parser.next() != null) {
					// reads on until the decoder refuses a byte
				}
			}
		});
		Csv.CsvException where = Csv.notUtf8(file);
		assertThat(where.line()).isEqualTo(3);
		assertThat(where).hasMessageStartingWith("Line 3 is not UTF-8 (byte 0xE9 at position 22 of the line)");
	}

	@Test
	void aFieldThatNeedsNoQuotesIsWrittenAsItIs() {
		assertThat(Csv.field("Ada Lovelace")).isEqualTo("Ada Lovelace");
		assertThat(Csv.field("")).isEmpty();
		assertThat(Csv.field(null)).isEmpty();
		assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
		assertThat(Csv.field("=1+1")).isEqualTo("'=1+1");
	}

	@Test
	void importedTextIsTrimmedAndOnlyTheExportsGuardIsTakenOff() {
		assertThat(Csv.text("  Ada  ")).isEqualTo("Ada");
		assertThat(Csv.text("'=1+1")).isEqualTo("=1+1");
		// an apostrophe before anything but a formula start is the person's own
		assertThat(Csv.text("'Tis")).isEqualTo("'Tis");
		assertThat(Csv.text("'")).isEqualTo("'");
	}

	private static List<Csv.Row> rows(String input) throws IOException {
		Csv.Parser parser = new Csv.Parser(new StringReader(input));
		List<Csv.Row> rows = new ArrayList<>();
		for (Csv.Row row = parser.next(); row != null; row = parser.next()) {
			rows.add(row);
		}
		return rows;
	}

	private static Csv.CsvException parseError(String input) {
		Csv.CsvException error = catchThrowableOfType(Csv.CsvException.class, () -> rows(input));
		assertThat(error).as("the refusal of %s", input.replace("\u0000", "\\0")).isNotNull();
		return error;
	}

	private Path file(byte[]... parts) throws IOException {
		Path file = Files.createTempFile(this.dir, "import", ".csv");
		for (byte[] part : parts) {
			Files.write(file, part, java.nio.file.StandardOpenOption.APPEND);
		}
		return file;
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "=1+1", "+plus@example.com", "-minus", "@SUM(A1)", "\tTab", "\rReturn",
			"'=Already guarded", "''+Twice", "'apostrophe", "'", "''", "a,b", "say \"hi\"", "two\nlines", "=a,\"b\"",
			"\u00e9t\u00e9 \u2603" })
	void everyFieldTheExportWritesIsReadBackAsItWasAndNeverStartsAsAFormula(String value) throws IOException {
		String written = Csv.field(value);

		List<String> fields = new Csv.Parser(new StringReader(written + "," + Csv.field(value) + "\r\n")).next().fields();

		assertThat(fields).hasSize(2).allSatisfy((field) -> assertThat(Csv.text(field)).isEqualTo(value));
		assertThat(fields.get(0)).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
			.doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
	}

}
