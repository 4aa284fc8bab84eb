package dev.marquee.account;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.support.Fixtures;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Accounts and tokens: hashed passwords with a policy, {@code POST /auth/token} (OAuth 2.0 token response
 * over HTTP Basic, one answer for every failure, throttling), signed JWTs verifiable with the published
 * keys, tokens refused at once after disabling or a password change, no cookies, no CORS by default.
 */
class AccountsAndTokensIT extends IntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Test
	void createdAccountsStoreABcryptHashNotThePassword() {
		String admin = this.fixtures.token(this.fixtures.admin("root"));

		graphQlAs(admin).documentName("createAccount")
			.variable("input", Map.of("username", "hashed", "password", "a-secret-long-enough", "roles",
					List.of("ORGANIZER")))
			.execute()
			.path("createAccount.account.username")
			.entity(String.class)
			.isEqualTo("hashed");

		Document stored = this.mongo.getCollection(Account.COLLECTION).find(new Document("username", "hashed")).first();
		assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}$2").doesNotContain("a-secret-long-enough");
	}

	@Test
	void aPasswordShorterThanTwelveCharactersIsRefusedWithAClearError() {
		String admin = this.fixtures.token(this.fixtures.admin("root"));

		var response = graphQlAs(admin).documentName("createAccount")
			.variable("input", Map.of("username", "shorty", "password", "elevenchars", "roles", List.of("ORGANIZER")))
			.execute();

		response.path("createAccount.account").valueIsNull();
		response.path("createAccount.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		response.path("createAccount.errors[0].field").entityList(String.class).containsExactly("input", "password");
		response.path("createAccount.errors[0].message").entity(String.class).satisfies(
				(message) -> assertThat(message).contains("12"));
		assertThat(this.mongo.getCollection(Account.COLLECTION).countDocuments(new Document("username", "shorty"))).isZero();
	}

	@Test
	void tokenEndpointAnswersAnOAuthTokenResponseForGoodCredentials() {
		this.fixtures.organizer("olga");

		Map<String, Object> body = signIn("olga", Fixtures.PASSWORD).expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();

		assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in")
			.containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 3600);
		assertThat((String) body.get("access_token")).isNotBlank();
	}

	@Test
	void tokenIsAnRs256JwtForTheMarqueeApiSignedWithAKeyPublishedAsJwks() throws Exception {
		Account olga = this.fixtures.organizer("olga");
		String token = accessToken("olga", Fixtures.PASSWORD);
		String jwks = this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		SignedJWT jwt = SignedJWT.parse(token);
		JWK published = JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(published).as("key %s at /.well-known/jwks.json", jwt.getHeader().getKeyID()).isNotNull();
		assertThat(published.isPrivate()).isFalse();
		assertThat(jwt.verify(new RSASSAVerifier(published.toRSAKey()))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("marquee");
		assertThat(claims.getAudience()).containsExactly("marquee-api");
		assertThat(claims.getSubject()).isEqualTo(olga.id().toHexString());
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000L);
	}

	@Test
	void anUnknownUserGetsExactlyTheAnswerOfAWrongPassword() {
		this.fixtures.organizer("olga");

		EntityExchangeResult<byte[]> wrongPassword = signIn("olga", "not-the-password").expectBody().returnResult();
		EntityExchangeResult<byte[]> unknownUser = signIn("nobody-here", Fixtures.PASSWORD).expectBody().returnResult();

		assertThat(wrongPassword.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(unknownUser.getStatus()).isEqualTo(wrongPassword.getStatus());
		for (String header : List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL,
				HttpHeaders.RETRY_AFTER)) {
			assertThat(unknownUser.getResponseHeaders().get(header)).as(header)
				.isEqualTo(wrongPassword.getResponseHeaders().get(header));
		}
		assertThat(wrongPassword.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
		assertThat(new String(unknownUser.getResponseBody())).isEqualTo(new String(wrongPassword.getResponseBody()));
	}

	@Test
	void repeatedFailedSignInsOfOneUsernameAreThrottledEvenWithTheRightPassword() {
		this.fixtures.organizer("throttled-user");
		for (int i = 0; i < 5; i++) {
			signIn("throttled-user", "wrong-password-" + i).expectStatus().isUnauthorized();
		}

		signIn("throttled-user", Fixtures.PASSWORD).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
		this.fixtures.organizer("unthrottled-user");
		signIn("unthrottled-user", Fixtures.PASSWORD).expectStatus().isOk();
	}

	@Test
	void anUnknownUsernameIsThrottledLikeAnExistingOne() {
		for (int i = 0; i < 5; i++) {
			signIn("throttled-stranger", "wrong-password-" + i).expectStatus().isUnauthorized();
		}

		signIn("throttled-stranger", "wrong-password").expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void disablingAnAccountRefusesItsOlderTokensAtOnce() {
		Account olga = this.fixtures.organizer("olga");
		String old = accessToken("olga", Fixtures.PASSWORD);
		meAs(old).expectStatus().isOk();

		graphQlAs(this.fixtures.token(this.fixtures.admin("root"))).documentName("disableAccount")
			.variable("accountId", GlobalId.encode("Account", olga.id()))
			.execute()
			.path("disableAccount.errors")
			.entityList(Object.class)
			.hasSize(0);

		meAs(old).expectStatus().isUnauthorized();
		signIn("olga", Fixtures.PASSWORD).expectStatus().isUnauthorized();
	}

	@Test
	void changingThePasswordRefusesOlderTokensAndTheNewPasswordSignsIn() {
		this.fixtures.organizer("olga");
		String old = accessToken("olga", Fixtures.PASSWORD);

		graphQlAs(old).documentName("changePassword")
			.variable("currentPassword", Fixtures.PASSWORD)
			.variable("newPassword", "a-brand-new-passphrase")
			.execute()
			.path("changePassword.account.username")
			.entity(String.class)
			.isEqualTo("olga");

		meAs(old).expectStatus().isUnauthorized();
		String fresh = accessToken("olga", "a-brand-new-passphrase");
		graphQlAs(fresh).documentName("me").execute().path("me.username").entity(String.class).isEqualTo("olga");
	}

	@Test
	void aTooShortNewPasswordIsRefusedAndTheOldTokenKeepsWorking() {
		String token = this.fixtures.token(this.fixtures.organizer("olga"));

		var response = graphQlAs(token).documentName("changePassword")
			.variable("currentPassword", Fixtures.PASSWORD)
			.variable("newPassword", "short")
			.execute();

		response.path("changePassword.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		response.path("changePassword.errors[0].field").entityList(String.class).containsExactly("newPassword");
		graphQlAs(token).documentName("me").execute().path("me.username").entity(String.class).isEqualTo("olga");
	}

	@Test
	void noResponseSetsACookie() {
		this.fixtures.organizer("olga");
		String token = accessToken("olga", Fixtures.PASSWORD);

		signIn("olga", Fixtures.PASSWORD).expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		signIn("olga", "wrong-password").expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		meAs(token).expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		meAs(token + "x").expectStatus().isUnauthorized().expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue(Map.of("query", "{ me { username } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
	}

	@Test
	void aCorsPreflightFromAnOriginNotConfiguredIsRefused() {
		for (String path : List.of("/graphql", "/auth/token")) {
			this.http.method(HttpMethod.OPTIONS)
				.uri(path)
				.header(HttpHeaders.ORIGIN, "https://evil.example")
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		}
	}

	@Test
	void meIsTheSignedInAccountAndNullForAnonymousCallers() {
		Account olga = this.fixtures.organizer("olga");

		this.graphQl.documentName("me").execute().path("me").valueIsNull();
		var response = graphQlAs(this.fixtures.token(olga)).documentName("me").execute();
		response.path("me.id").entity(String.class).isEqualTo(GlobalId.encode("Account", olga.id()));
		response.path("me.username").entity(String.class).isEqualTo("olga");
		response.path("me.roles").entityList(String.class).containsExactly("ORGANIZER");
	}

	@Test
	void accountSeriesListsTheGrantedSeriesAndEverySeriesForAnAdmin() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		EventSeries summit = this.fixtures.series("summit", "Summit");
		this.fixtures.series("other", "Other");
		Account olga = this.fixtures.organizer("olga", expo, summit);

		graphQlAs(this.fixtures.token(olga)).documentName("me")
			.execute()
			.path("me.series[*].slug")
			.entityList(String.class)
			.satisfies((slugs) -> assertThat(slugs).containsExactlyInAnyOrder("expo", "summit"));
		graphQlAs(this.fixtures.token(this.fixtures.admin("root"))).documentName("me")
			.execute()
			.path("me.series[*].slug")
			.entityList(String.class)
			.satisfies((slugs) -> assertThat(slugs).containsExactlyInAnyOrder("expo", "summit", "other"));
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec signIn(String username,
			String password) {
		return this.http.post().uri("/auth/token").headers((h) -> h.setBasicAuth(username, password)).exchange();
	}

	private String accessToken(String username, String password) {
		return (String) signIn(username, password).expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody()
			.get("access_token");
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec meAs(String token) {
		return this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue(Map.of("query", "{ me { username } }"))
			.exchange();
	}

}
