package dev.marquee.storage;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's one text normalisation: what people type and what documents hold meet in the same form,
 * whatever the case, accents and punctuation; search terms find a query at the start of any word; and
 * a query's characters are matched literally, never as a regular expression.
 */
class SearchTextTest {

	@ParameterizedTest(name = "\"{0}\" → \"{1}\"")
	@CsvSource(delimiter = '|', value = {
			"Amazon MGM Studios – Culver City | amazon mgm studios culver city",
			"  Café   Müller  | cafe muller",
			"ÉCOLE Française | ecole francaise",
			"São Paulo | sao paulo",
			"Łódź | łodz",
			"Straße | straße",
			"AT&T / Time-Warner, Inc. | at t time warner inc",
			"R2-D2's 3rd film!!! | r2 d2 s 3rd film",
			"ﬁlm ① ＡＢＣ | film 1 abc",
			"東京 国際 映画祭 | 東京 国際 映画祭",
			"Ελληνικά | ελληνικα",
			"tab\tand  spaces | tab and spaces",
			"---***--- | ''" })
	void textIsFoldedToLowerCaseWithoutAccentsAndOneSpaceBetweenWords(String text, String normalized) {
		assertThat(SearchText.normalize(text)).isEqualTo(normalized);
	}

	@Test
	void noTextNormalizesToTheEmptyString() {
		assertThat(SearchText.normalize(null)).isEmpty();
		assertThat(SearchText.normalize("")).isEmpty();
	}

	@Test
	void normalizingTwiceChangesNothing() {
		String once = SearchText.normalize("Amazon MGM Studios – Culver City, Ça Va?");

		assertThat(SearchText.normalize(once)).isEqualTo(once);
	}

	@Test
	void theTermsOfATextStartAtEachOfItsWords() {
		assertThat(SearchText.terms("AI on the Lot")).containsExactly("ai on the lot", "on the lot", "the lot", "lot");
	}

	@Test
	void theTermsOfSeveralTextsAreListedOnceInTheOrderTheyAppear() {
		assertThat(SearchText.terms("The Lot", null, "", "  !! ", "Lot", "the LOT")).containsExactly("the lot", "lot");
	}

	@Test
	void aDocumentWithoutTextHasNoTerms() {
		assertThat(SearchText.terms()).isEmpty();
		assertThat(SearchText.terms((String) null)).isEmpty();
	}

	@Test
	void aPrefixOfAnyWordMatchesOneOfTheTermsAndATextInsideAWordDoesNot() {
		Pattern studios = Pattern.compile(SearchText.prefixRegex(SearchText.normalize("Stud")));
		Pattern tudios = Pattern.compile(SearchText.prefixRegex(SearchText.normalize("tudios")));

		assertThat(SearchText.terms("Amazon MGM Studios")).anyMatch((term) -> studios.matcher(term).find())
			.noneMatch((term) -> tudios.matcher(term).find());
	}

	@ParameterizedTest
	@ValueSource(strings = { "a.b", "a*", "(x)", "[abc]", "{2}", "a|b", "^$", "a+b?", "back\\slash", "1.5 $" })
	void regularExpressionCharactersAreMatchedLiterally(String text) {
		Pattern literal = Pattern.compile(SearchText.literalRegex(text));
		Pattern prefix = Pattern.compile(SearchText.prefixRegex(text));

		assertThat(literal.matcher("before " + text + " after").find()).isTrue();
		assertThat(prefix.matcher(text + " after").find()).isTrue();
		assertThat(prefix.matcher("before " + text).find()).isFalse();
		// what the characters would match as an expression is not matched
		assertThat(literal.matcher(text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "x")).find()).as("%s as an expression", text)
			.isFalse();
	}

}
