package dev.marquee.attendance;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.marquee.event.AudienceSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** One line of an attendance file: what a valid row holds, and the error each wrong cell gets. */
class ImportRowTest {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	final List<LineError> errors = new ArrayList<>();

	@Test
	void aValidRowKeepsItsCellsAndTrueChecksInAtTheImportTime() throws IOException {
		ImportRow row = ImportRow.parse(record("Ann Lee,Ann@Example.com,acme,press,TRUE"), NOW, this.errors);

		assertThat(this.errors).isEmpty();
		assertThat(row).isEqualTo(new ImportRow(2, "Ann Lee", "Ann@Example.com", "acme", AudienceSegment.PRESS, NOW));
		assertThat(row.emailKey()).isEqualTo("ann@example.com");
	}

	@Test
	void anRfc3339TimeIsTheCheckInTimeAndFalseOrEmptyIsNotCheckedIn() throws IOException {
		assertThat(ImportRow.parse(record("Ann,ann@example.com,,STUDENT,2026-05-31T09:30:00+02:00"), NOW, this.errors)
			.checkedInAt()).isEqualTo(Instant.parse("2026-05-31T07:30:00Z"));
		assertThat(ImportRow.parse(record("Ann,ann@example.com,,STUDENT,false"), NOW, this.errors).checkedInAt()).isNull();
		assertThat(ImportRow.parse(record("Ann,ann@example.com,,STUDENT,"), NOW, this.errors).checkedInAt()).isNull();
		assertThat(this.errors).isEmpty();
	}

	@Test
	void anEmptyCompanyCellNamesNoCompanyAndAGuardedCellLosesItsApostrophe() throws IOException {
		ImportRow row = ImportRow.parse(record("'=Ann,ann@example.com,,OTHER,false"), NOW, this.errors);

		assertThat(row.companyRef()).isNull();
		assertThat(row.name()).isEqualTo("=Ann");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			",ann@example.com,,PRESS,false | 1 | A name is 1 to 200 characters.",
			"Ann,not-an-email,,PRESS,false | 2 | `not-an-email` is not an email address.",
			"Ann,ann@example.com,,VIP,false | 4 | `VIP` is not a segment; use one of [EXECUTIVE, PRODUCER, POST_SUPERVISOR, COORDINATOR, CREATIVE, TECHNOLOGIST, VENDOR, PRESS, STUDENT, OTHER].",
			"Ann,ann@example.com,,PRESS,yes | 5 | `yes` is neither true, false nor an RFC 3339 time.",
			"Ann,ann@example.com,PRESS,false | 5 | Expected 5 columns, found 4.",
			"Ann,ann@example.com,,PRESS,false,extra | 6 | Expected 5 columns, found 6." })
	void aWrongCellIsReportedAtItsLineAndColumnAndTheRowIsDropped(String line, int column, String message)
			throws IOException {
		assertThat(ImportRow.parse(record(line), NOW, this.errors)).isNull();

		assertThat(this.errors).containsExactly(new LineError(2, column, message));
	}

	@Test
	void everyWrongCellOfARowIsReported() throws IOException {
		assertThat(ImportRow.parse(record(",nobody,,VIP,maybe"), NOW, this.errors)).isNull();

		assertThat(this.errors).extracting(LineError::column).containsExactly(1, 2, 4, 5);
	}

	@Test
	void aNameLongerThan200CharactersIsRefused() throws IOException {
		ImportRow.parse(record("x".repeat(201) + ",ann@example.com,,PRESS,false"), NOW, this.errors);

		assertThat(this.errors).extracting(LineError::column).containsExactly(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "name,email,company,segment,checked_in", " Name , EMAIL,Company,SEGMENT,Checked_In " })
	void theHeaderIsRecognisedTrimmedAndInAnyCase(String header) throws IOException {
		assertThat(ImportRow.isHeader(first(header))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "name,email,company,segment", "email,name,company,segment,checked_in",
			"Ann,ann@example.com,,PRESS,false" })
	void anythingElseIsNotTheHeader(String line) throws IOException {
		assertThat(ImportRow.isHeader(first(line))).isFalse();
	}

	@Test
	void noLineAtAllIsNotTheHeader() {
		assertThat(ImportRow.isHeader(null)).isFalse();
	}

	@Test
	void aLineOfOnlySpacesIsBlankButALineOfEmptyCellsIsNot() throws IOException {
		assertThat(ImportRow.isBlank(first("   "))).isTrue();
		assertThat(ImportRow.isBlank(first(",,,,"))).isFalse();
	}

	/** {@code line} as the second line of a file, after the header. */
	private static Csv.Row record(String line) throws IOException {
		Csv.Parser parser = new Csv.Parser(new StringReader(ImportRow.COLUMNS + "\r\n" + line + "\r\n"));
		parser.next();
		return parser.next();
	}

	private static Csv.Row first(String line) throws IOException {
		return new Csv.Parser(new StringReader(line + "\r\n")).next();
	}

}
