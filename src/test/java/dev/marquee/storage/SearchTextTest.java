package dev.marquee.storage;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTextTest {

	@Test
	void longTextTermsStartAtEveryWordCutToTheirBound() {
		assertThat(SearchText.longTextTerms("Zero-downtime <b>Kubernetes</b> upgrades"))
			.containsExactly("zero downtime b kubernetes b upgrades", "downtime b kubernetes b upgrades",
					"b kubernetes b upgrades", "kubernetes b upgrades", "b upgrades", "upgrades");
		String longWords = "observability ".repeat(3) + "end";
		assertThat(SearchText.longTextTerms(longWords))
			.allSatisfy((term) -> assertThat(term).hasSizeLessThanOrEqualTo(SearchText.LONG_TEXT_TERM_CHARS))
			.first()
			.isEqualTo("observability observability observabilit");
	}

	@Test
	void longTextTermsStayBoundedHoweverLongTheText() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 5_000; i++) {
			text.append("word").append(i).append(' ');
		}
		List<String> terms = SearchText.longTextTerms(text.toString());
		assertThat(terms).hasSize(SearchText.LONG_TEXT_TERMS).first().isEqualTo("word0 word1 word2 word3 word4 word5 word");
		assertThat(terms).last().isEqualTo("word299 word300 word301 word302 word303");
	}

	@Test
	void longTextTermsOfNothingAreNone() {
		assertThat(SearchText.longTextTerms(null)).isEmpty();
		assertThat(SearchText.longTextTerms("  — ")).isEmpty();
	}

}
