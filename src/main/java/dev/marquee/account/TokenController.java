package dev.marquee.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.marquee.account.LoginThrottle.Guess;
import dev.marquee.account.TokenService.IssuedToken;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/token} with HTTP Basic credentials answers an OAuth 2.0 token response. A wrong
 * password and an unknown user get the same 401; a guess the throttle does not allow now gets 429 with
 * Retry-After, before the password is looked at. The client is the request's remote address: behind a
 * reverse proxy that is the proxy's, unless Spring Boot is told to trust its {@code X-Forwarded-For}
 * ({@code server.forward-headers-strategy=native}).
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
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest request) {
		Optional<String[]> credentials = basic(authorization);
		if (credentials.isEmpty()) {
			return unauthorized("invalid_request", "Send the username and password with HTTP Basic authentication.");
		}
		String username = credentials.get()[0];
		String password = credentials.get()[1];
		if (PasswordPolicy.beyondBcrypt(password)) {
			// no account can have such a password (the policy refuses it), so it is not a guess
			return ResponseEntity.badRequest()
				.cacheControl(CacheControl.noStore())
				.body(error("invalid_request", "A password is at most " + PasswordPolicy.MAX_BYTES
						+ " bytes in UTF-8; this one is longer, so it cannot be right."));
		}
		Guess guess = this.throttle.reserveSignIn(username, request.getRemoteAddr());
		if (!guess.allowed()) {
			long seconds = guess.retryAfterSeconds();
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
				.body(error("slow_down", "Too many failed sign-ins for this username; retry in " + seconds + " s."));
		}
		Optional<Account> account = this.accounts.authenticate(username, password);
		if (account.isEmpty()) {
			return unauthorized("invalid_client", "The username or password is not right, or the account is disabled.");
		}
		this.throttle.signedIn(guess);
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
