package dev.marquee.account;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.marquee.security.TokenService;
import dev.marquee.security.TokenService.IssuedToken;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/token} with HTTP Basic credentials answers an OAuth 2.0 token response. A wrong
 * password and an unknown user get the same 401; a throttled username gets 429 with Retry-After.
 */
@RestController
class TokenController {

	private final AccountService accounts;

	private final TokenService tokens;

	private final LoginThrottle throttle;

	TokenController(AccountService accounts, TokenService tokens, LoginThrottle throttle) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.throttle = throttle;
	}

	@PostMapping("/auth/token")
	ResponseEntity<Map<String, Object>> token(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		Optional<String[]> credentials = basic(authorization);
		if (credentials.isEmpty()) {
			return unauthorized("invalid_request", "Send the username and password with HTTP Basic authentication.");
		}
		String username = credentials.get()[0];
		Optional<Duration> wait = this.throttle.retryAfter(username);
		if (wait.isPresent()) {
			long seconds = Math.max(1, wait.get().toSeconds() + 1);
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
				.body(error("slow_down", "Too many failed sign-ins for this username; retry in " + seconds + " s."));
		}
		Optional<Account> account = this.accounts.authenticate(username, credentials.get()[1]);
		if (account.isEmpty()) {
			this.throttle.failed(username);
			return unauthorized("invalid_client", "The username or password is not right, or the account is disabled.");
		}
		this.throttle.succeeded(username);
		IssuedToken token = this.tokens.issue(account.get());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", token.expiresInSeconds());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
	}

	private static Optional<String[]> basic(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon <= 0) {
				return Optional.empty();
			}
			return Optional.of(new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) });
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static ResponseEntity<Map<String, Object>> unauthorized(String code, String description) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"marquee\", charset=\"UTF-8\"")
			.body(error(code, description));
	}

	private static Map<String, Object> error(String code, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_description", description);
		return body;
	}

}
