package dev.marquee.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A stateless API: no sessions, no cookies, no CSRF tokens (nothing is authenticated by cookie). The
 * public read API, GraphiQL and the operational endpoints are open; everything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/graphql").permitAll()
				.requestMatchers(HttpMethod.GET, "/graphql", "/graphiql", "/graphiql/**").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
						"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
				.permitAll()
				.requestMatchers("/error").permitAll()
				.anyRequest().denyAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.cors(Customizer.withDefaults())
			.build();
	}

}
