package dev.marquee.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * {@code /actuator/prometheus} (and {@code /actuator/metrics}, the same numbers) shows the data path and
 * per-mutation counts: it is open to admins and to a scraper that sends the configured scrape token as its
 * bearer token (compared in constant time). The scrape token is no JWT, so on these paths it is kept away
 * from JWT verification.
 */
final class ScrapeAccess implements AuthorizationManager<RequestAuthorizationContext>, BearerTokenResolver {

	static final String[] PATHS = { "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**" };

	private final byte[] token;

	private final DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();

	ScrapeAccess(String token) {
		this.token = (token == null || token.isBlank()) ? null : token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (isScrapeToken(this.bearer.resolve(context.getRequest()))) {
			return new AuthorizationDecision(true);
		}
		Authentication caller = authentication.get();
		boolean admin = caller != null && caller.isAuthenticated()
				&& caller.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
		return new AuthorizationDecision(admin);
	}

	@Override
	public String resolve(HttpServletRequest request) {
		String resolved = this.bearer.resolve(request);
		String path = request.getRequestURI();
		boolean metrics = path.equals("/actuator/prometheus") || path.equals("/actuator/metrics")
				|| path.startsWith("/actuator/metrics/");
		return (metrics && isScrapeToken(resolved)) ? null : resolved;
	}

	private boolean isScrapeToken(String presented) {
		return this.token != null && presented != null
				&& MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8));
	}

}
