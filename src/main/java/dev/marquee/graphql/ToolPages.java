package dev.marquee.graphql;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The in-browser tools, GraphiQL at {@code /graphiql/} and GraphQL Voyager at {@code /voyager/}: pages built
 * from {@code ui/} into {@code static/graphiql} and {@code static/voyager} (docs/architecture.md, "UI
 * assets"). {@code /graphiql} redirects to {@code /graphiql/}, whose relative asset paths then resolve under
 * any context path; the hashed assets are cached for a year. Every answer under these paths carries a
 * Content-Security-Policy that lets the pages load and connect to this origin only.
 */
@Configuration(proxyBeanMethods = false)
class ToolPages implements WebMvcConfigurer {

	static final List<String> PAGES = List.of("graphiql", "voyager");

	/**
	 * Nothing from another origin. Monaco (GraphiQL's editor) and Emotion (Voyager's styles) inject style
	 * elements, GraphiQL's stylesheet embeds its fonts and icons as {@code data:} URLs, and Voyager lays out
	 * its graph in a worker it starts from a {@code blob:} URL, running Graphviz compiled to WebAssembly.
	 */
	static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'",
			"script-src 'self' 'wasm-unsafe-eval'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
			"font-src 'self' data:", "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'",
			"base-uri 'self'", "form-action 'none'", "frame-ancestors 'none'");

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		for (String page : PAGES) {
			registry.addRedirectViewController("/" + page, "/" + page + "/").setKeepQueryParams(true);
			registry.addViewController("/" + page + "/").setViewName("forward:/" + page + "/index.html");
		}
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		for (String page : PAGES) {
			// names carry a hash of their content: a new build has new names
			registry.addResourceHandler("/" + page + "/assets/**")
				.addResourceLocations("classpath:/static/" + page + "/assets/")
				.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
		}
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		List<String> paths = PAGES.stream().flatMap((page) -> List.of("/" + page, "/" + page + "/**").stream())
			.toList();
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
				return true;
			}
		}).addPathPatterns(paths);
	}

}
