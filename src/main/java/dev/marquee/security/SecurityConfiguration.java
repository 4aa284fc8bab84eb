package dev.marquee.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * A stateless bearer-token API: no sessions, no cookies, no CSRF tokens (nothing is authenticated by
 * cookie). Reads are public; a request with a bearer token must carry a valid one (else 401); what a
 * signed-in caller may do is decided by {@link AccessPolicy}, inside the services. The token checks are
 * the application's one {@code JwtDecoder} and its converter to a {@link ViewerAuthentication}
 * ({@code account/TokenVerification}, which owns the keys and the accounts).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * What anyone may read: queries, the schema, the public keys, the in-browser tools (graphql/ToolPages)
	 * and their assets, the iCalendar feeds (calendar/CalendarFeedController: drafts only with a token).
	 */
	private static final String[] OPEN_READS = { "/graphql", "/graphql/schema", "/.well-known/jwks.json", "/graphiql",
			"/graphiql/**", "/voyager", "/voyager/**", "/api/events/*/calendar.ics", "/api/series/*/calendar.ics" };

	@Bean
	SecurityFilterChain api(HttpSecurity http, JwtDecoder tokens, Converter<Jwt, AbstractAuthenticationToken> viewers,
			MetricsProperties metrics) throws Exception {
		ScrapeAccess scrape = new ScrapeAccess(metrics.scrapeToken());
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/graphql", "/auth/token").permitAll()
				.requestMatchers(HttpMethod.GET, OPEN_READS).permitAll()
				// HEAD is GET without the body (link checkers, caches): open wherever GET is
				.requestMatchers(HttpMethod.HEAD, OPEN_READS).permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
				.requestMatchers(ScrapeAccess.PATHS).access(scrape)
				.requestMatchers("/api/**").authenticated()
				.requestMatchers("/error").permitAll()
				// any other method on the endpoint: the transport answers 405 with Allow: GET, POST
				.requestMatchers("/graphql").permitAll()
				.anyRequest().denyAll())
			.oauth2ResourceServer((server) -> server.bearerTokenResolver(scrape)
				.authenticationEntryPoint(new JsonBearerEntryPoint())
				.jwt((jwt) -> jwt.decoder(tokens).jwtAuthenticationConverter(viewers)))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(new JsonBearerEntryPoint()))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.cors((cors) -> { })
			.build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.corsAllowedOrigins());
		cors.addAllowedMethod(HttpMethod.GET);
		cors.addAllowedMethod(HttpMethod.POST);
		cors.addAllowedHeader("Authorization");
		cors.addAllowedHeader("Content-Type");
		cors.setAllowCredentials(false);
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/graphql", cors);
		source.registerCorsConfiguration("/auth/token", cors);
		return source;
	}

}
