package dev.marquee.calendar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentLinesTest {

	@Test
	void longLinesAreFoldedAt75OctetsWithoutSplittingAUtf8Sequence() throws CharacterCodingException {
		String title = "Évolution de l’IA générative 🎬 au studio — 日本語のセッション ".repeat(8);
		String text = new ContentLines().text("SUMMARY", title).toString();

		String[] lines = text.split("\r\n", -1);
		assertThat(lines[lines.length - 1]).isEmpty();
		for (int i = 0; i < lines.length - 1; i++) {
			byte[] octets = lines[i].getBytes(StandardCharsets.UTF_8);
			assertThat(octets.length).as("line %d", i).isLessThanOrEqualTo(75);
			// each physical line is valid UTF-8 on its own: no sequence was cut in two
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(octets));
			if (i > 0) {
				assertThat(lines[i]).startsWith(" ");
			}
		}
		assertThat(lines.length).isGreaterThan(5);
		assertThat(text.replace("\r\n ", "")).isEqualTo("SUMMARY:" + ContentLines.escape(title) + "\r\n");
	}

	@Test
	void textEscapesBackslashSemicolonCommaAndLineBreaksAndDropsControlCharacters() {
		assertThat(ContentLines.escape("a\\b;c,d\ne\r\nf\rg\th\u0007i\u0000<b>j</b>"))
			.isEqualTo("a\\\\b\\;c\\,d\\ne\\nf\\ng\th" + "i<b>j</b>");
	}

	@Test
	void parameterValuesAreQuotedWhenTheyMustBeAndLoseDoubleQuotes() {
		assertThat(ContentLines.parameter("America/Los_Angeles")).isEqualTo("America/Los_Angeles");
		assertThat(ContentLines.parameter("Ada \"Countess\" Lovelace, PhD")).isEqualTo("\"Ada Countess Lovelace, PhD\"");
	}

}
