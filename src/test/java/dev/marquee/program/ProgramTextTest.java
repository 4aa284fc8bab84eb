package dev.marquee.program;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgramTextTest {

	@Test
	void htmlBecomesItsText() {
		assertThat(ProgramText.plain("<p>First <b>bold</b> &amp; more.</p>\n<p>Second&nbsp;one</p><ul><li>a</li><li>b</li></ul>"))
			.isEqualTo("First bold & more.\n\nSecond one\n\n- a\n- b");
		assertThat(ProgramText.plain("<script>alert(1)</script>Safe<br>line")).isEqualTo("Safe\nline");
	}

	@Test
	void textThatOnlyMentionsAngleBracketsStaysAsItIs() {
		assertThat(ProgramText.plain("If a < b and b > c then **a < c**")).isEqualTo("If a < b and b > c then **a < c**");
	}

	@Test
	void controlCharactersOtherThanTabAndNewlineAreRemoved() {
		assertThat(ProgramText.plain("a\u0000b\u0007c\r\nd\te\u000bf\u001b[31m")).isEqualTo("abc\nd\tef[31m");
		assertThat(ProgramText.plain("<p>x&#7;y</p>")).isEqualTo("xy");
	}

	@Test
	void blankTextIsNone() {
		assertThat(ProgramText.plain(" \n\t ")).isNull();
		assertThat(ProgramText.line("\u0000 ")).isNull();
		assertThat(ProgramText.line(" Two\n lines\u0007 ")).isEqualTo("Two lines");
	}

}
