package dev.marquee.graphql;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL and Voyager are pages of this server, built into the jar: anyone may load them, everything
 * they load is on this origin, and their Content-Security-Policy forbids anything else. (That they work is
 * GraphiQlBrowserIT's subject.)
 */
class ToolPagesIT extends IntegrationTest {

	private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

	@ParameterizedTest
	@ValueSource(strings = { "graphiql", "voyager" })
	void pageWithoutTrailingSlashRedirectsToThePageKeepingTheQuery(String page) {
		this.http.get()
			.uri("/" + page + "?tab=1")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.valueMatches("Location", "(http://localhost:\\d+)?/" + page + "/\\?tab=1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "graphiql", "voyager" })
	void pageAndItsAssetsAreServedAnonymouslyFromThisOriginUnderAPolicyThatAllowsNoOther(String page) {
		String html = this.http.get()
			.uri("/" + page + "/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals("Content-Security-Policy", ToolPages.CONTENT_SECURITY_POLICY)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(html).contains("<script type=\"module\"");

		List<String> assets = ASSET.matcher(html).results().map((match) -> match.group(1))
			.filter((url) -> !url.equals("data:,"))
			.toList();
		assertThat(assets).as("scripts and styles of the page").isNotEmpty()
			.allSatisfy((url) -> assertThat(url).startsWith("./assets/"));
		for (String asset : assets) {
			this.http.get()
				.uri("/" + page + "/" + asset.substring(2))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("Content-Security-Policy", ToolPages.CONTENT_SECURITY_POLICY)
				.expectHeader()
				.valueMatches("Cache-Control", ".*immutable.*");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "graphiql", "voyager" })
	void scriptsAndStylesAreGzippedForABrowserThatAsksButGraphQlAnswersAreNot(String page) {
		String html = this.http.get().uri("/" + page + "/").exchange().expectBody(String.class).returnResult()
			.getResponseBody();
		List<String> assets = ASSET.matcher(html).results().map((match) -> match.group(1))
			.filter((url) -> url.endsWith(".js") || url.endsWith(".css"))
			.toList();
		assertThat(assets).isNotEmpty();
		for (String asset : assets) {
			String uri = "/" + page + "/" + asset.substring(2);
			long length = this.http.head().uri(uri).exchange().returnResult(Void.class).getResponseHeaders().getContentLength();
			var answer = this.http.head().uri(uri).header("Accept-Encoding", "gzip").exchange().expectStatus().isOk();
			if (length >= 2048) {
				answer.expectHeader().valueEquals("Content-Encoding", "gzip");
			}
			else {
				// below server.compression.min-response-size, gzip would save nothing
				answer.expectHeader().doesNotExist("Content-Encoding");
			}
		}
		this.http.post().uri("/graphql").header("Accept-Encoding", "gzip")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\": \"{ __schema { types { name description } } }\"}")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist("Content-Encoding");
	}

	@ParameterizedTest
	@ValueSource(strings = { "graphiql", "voyager" })
	void unknownAssetIsNotFound(String page) {
		this.http.get().uri("/" + page + "/assets/no-such-file.js").exchange().expectStatus().isNotFound();
	}

	@ParameterizedTest
	@ValueSource(strings = { "graphiql", "voyager" })
	void policyNamesNoOtherOrigin(String page) {
		String policy = this.http.get()
			.uri("/" + page + "/")
			.exchange()
			.expectHeader()
			.exists("Content-Security-Policy")
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("Content-Security-Policy");
		assertThat(policy).startsWith("default-src 'self'");
		Matcher sources = Pattern.compile("[a-z-]+-src ([^;]+)").matcher(policy);
		while (sources.find()) {
			assertThat(sources.group(1).split(" ")).as(sources.group())
				.allMatch((source) -> source.startsWith("'") || source.equals("data:") || source.equals("blob:"));
		}
	}

}
