package dev.marquee.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
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

import org.springframework.beans.factory.annotation.Autowired;
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

	/** 40 characters (within the 12–128 policy), 80 bytes in UTF-8: beyond what bcrypt reads. */
	private static final String EIGHTY_BYTES = "ö".repeat(40);

	@Autowired
	private JwtKeys keys;

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
	void aBurstOfWrongPasswordsHasAtMostTheLimitEvaluatedAndTheRightPasswordInsideItDoesNotSignIn()
			throws Exception {
		this.fixtures.organizer("burst-target");
		ExecutorService pool = Executors.newFixedThreadPool(41);
		try {
			CountDownLatch start = new CountDownLatch(1);
			CountDownLatch answered = new CountDownLatch(5);
			List<Future<HttpStatus>> wrong = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String password = "wrong-password-" + i;
				wrong.add(pool.submit(() -> {
					start.await();
					HttpStatus status = HttpStatus.valueOf(signIn("burst-target", password).returnResult(byte[].class)
						.getStatus()
						.value());
					answered.countDown();
					return status;
				}));
			}
			// the right password joins the burst once five of its guesses have been answered (so reserved)
			Future<HttpStatus> right = pool.submit(() -> {
				start.await();
				answered.await();
				return HttpStatus.valueOf(signIn("burst-target", Fixtures.PASSWORD).returnResult(byte[].class)
					.getStatus()
					.value());
			});
			start.countDown();
			List<HttpStatus> statuses = new ArrayList<>();
			for (Future<HttpStatus> answer : wrong) {
				statuses.add(answer.get(60, TimeUnit.SECONDS));
			}

			assertThat(statuses).as("guesses evaluated (401) in a burst of 40")
				.filteredOn((status) -> status == HttpStatus.UNAUTHORIZED)
				.hasSizeLessThanOrEqualTo(5);
			assertThat(statuses).containsOnly(HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS);
			assertThat(right.get(60, TimeUnit.SECONDS)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anXForwardedForHeaderIsIgnoredUnlessTheProxyIsConfiguredAsTrusted() {
		this.fixtures.organizer("forwarded-user");
		for (int i = 0; i < 5; i++) {
			signInVia("198.51.100." + i, "forwarded-user", "wrong-password-" + i).expectStatus().isUnauthorized();
		}

		signInVia("198.51.100.99", "forwarded-user", Fixtures.PASSWORD).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void wrongCurrentPasswordsInChangePasswordAreThrottledEvenWhenTheRightOneFollows() {
		String token = this.fixtures.token(this.fixtures.organizer("olga"));
		for (int i = 0; i < 5; i++) {
			graphQlAs(token).documentName("changePassword")
				.variable("currentPassword", "wrong-current-" + i)
				.variable("newPassword", "a-brand-new-passphrase")
				.execute()
				.path("changePassword.errors[0].code")
				.entity(String.class)
				.isEqualTo("INVALID_INPUT");
		}

		var response = graphQlAs(token).documentName("changePassword")
			.variable("currentPassword", Fixtures.PASSWORD)
			.variable("newPassword", "a-brand-new-passphrase")
			.execute();

		response.path("changePassword.account").valueIsNull();
		response.path("changePassword.errors[0].code").entity(String.class).isEqualTo("TOO_MANY_ATTEMPTS");
		response.path("changePassword.errors[0].field").entityList(String.class).containsExactly("currentPassword");
		response.path("changePassword.errors[0].message").entity(String.class).satisfies(
				(message) -> assertThat(message).matches(".*retry in \\d+ s\\."));
		signIn("olga", Fixtures.PASSWORD).expectStatus().isOk();
	}

	@Test
	void aPasswordOfMoreThan72BytesIsAClearValidationErrorNotAnInternalError() {
		String admin = this.fixtures.token(this.fixtures.admin("root"));

		var created = graphQlAs(admin).documentName("createAccount")
			.variable("input", Map.of("username", "umlauts", "password", EIGHTY_BYTES, "roles", List.of("ORGANIZER")))
			.execute();

		created.path("createAccount.account").valueIsNull();
		created.path("createAccount.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		created.path("createAccount.errors[0].field").entityList(String.class).containsExactly("input", "password");
		created.path("createAccount.errors[0].message").entity(String.class).satisfies(
				(message) -> assertThat(message).contains("72 bytes").contains("80 bytes"));
		assertThat(this.mongo.getCollection(Account.COLLECTION).countDocuments(new Document("username", "umlauts")))
			.isZero();
		graphQlAs(admin).documentName("createAccount")
			.variable("input", Map.of("username", "ascii73", "password", "x".repeat(73), "roles", List.of("ORGANIZER")))
			.execute()
			.path("createAccount.errors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
	}

	@Test
	void aNewPasswordOfMoreThan72BytesIsRefusedAndTheOldPasswordStays() {
		String token = this.fixtures.token(this.fixtures.organizer("olga"));

		var response = graphQlAs(token).documentName("changePassword")
			.variable("currentPassword", Fixtures.PASSWORD)
			.variable("newPassword", EIGHTY_BYTES)
			.execute();

		response.path("changePassword.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		response.path("changePassword.errors[0].field").entityList(String.class).containsExactly("newPassword");
		response.path("changePassword.errors[0].message").entity(String.class).satisfies(
				(message) -> assertThat(message).contains("72 bytes"));
		signIn("olga", Fixtures.PASSWORD).expectStatus().isOk();
	}

	@Test
	void signingInWithAPasswordOfMoreThan72BytesIsABadRequestNotAnError() {
		this.fixtures.organizer("olga");

		signIn("olga", "p".repeat(92)).expectStatus()
			.isBadRequest()
			.expectBody(JSON)
			.value((body) -> assertThat(body).containsEntry("error", "invalid_request")
				.extractingByKey("error_description")
				.asString()
				.contains("72 bytes"));
	}

	@Test
	void aTokenSignedWithOurKeyButWithoutExpiryIsRefused() throws Exception {
		Account olga = this.fixtures.organizer("olga");
		JWTClaimsSet withoutExp = claims(olga).expirationTime(null).build();

		meAs(signed(withoutExp)).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (header) -> assertThat(header).contains("error=\"invalid_token\"")
				.contains("error_description=\"The token has no expiry time.\""));
		meAs(signed(claims(olga).build())).expectStatus().isOk();
	}

	@Test
	void wwwAuthenticateDescribesARefusedTokenInFixedWordsWithoutLibraryText() throws Exception {
		Account olga = this.fixtures.organizer("olga");
		String token = accessToken("olga", Fixtures.PASSWORD);
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String tampered = parts[0] + "." + Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(payload.replace("ORGANIZER", "ADMIN").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
		Instant past = Instant.now().minusSeconds(7200);
		String expired = signed(claims(olga).issueTime(Date.from(past))
			.notBeforeTime(Date.from(past))
			.expirationTime(Date.from(past.plusSeconds(3600)))
			.build());

		Map<String, String> expected = Map.of(tampered, "The token is invalid.", token + "x", "The token is invalid.",
				expired, "The token has expired.", "not-a-jwt", "The token is not a well-formed JWT.");
		for (Map.Entry<String, String> entry : expected.entrySet()) {
			meAs(entry.getKey()).expectStatus()
				.isUnauthorized()
				.expectHeader()
				.value(HttpHeaders.WWW_AUTHENTICATE, (header) -> assertThat(header).startsWith("Bearer ")
					.contains("error=\"invalid_token\"")
					.contains("error_description=\"" + entry.getValue() + "\"")
					.contains("resource_metadata=\"")
					.doesNotContainIgnoringCase("jwt rejected")
					.doesNotContainIgnoringCase("attempting to decode")
					.doesNotContain("Exception"));
		}
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer two words")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue(Map.of("query", "{ me { username } }"))
			.exchange()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (header) -> assertThat(header).contains("error=\"invalid_token\"")
				.contains("error_description=\"The token is invalid.\"")
				.doesNotContainIgnoringCase("malformed"));
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

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec signInVia(String forwardedFor,
			String username, String password) {
		return this.http.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", forwardedFor)
			.headers((h) -> h.setBasicAuth(username, password))
			.exchange();
	}

	/** The claims the service itself puts in a token for this account, valid from now for an hour. */
	private static JWTClaimsSet.Builder claims(Account account) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("marquee")
			.audience("marquee-api")
			.subject(account.id().toHexString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)))
			.claim("username", account.username())
			.claim("roles", List.of("ORGANIZER"))
			.claim("ver", account.tokenVersion());
	}

	/** Signed with the service's own signing key, as a token it issued would be. */
	private String signed(JWTClaimsSet claims) throws Exception {
		JWK key = this.keys.signingKey();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key.toRSAKey()));
		return jwt.serialize();
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
