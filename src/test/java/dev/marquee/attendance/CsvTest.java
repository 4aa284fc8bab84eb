package dev.marquee.attendance;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the export writes, the import reads back as it was, and no cell opens as a formula. */
class CsvTest {

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
