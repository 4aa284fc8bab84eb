package dev.marquee.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A {@code @GraphQlTest} slice of the named controllers over the real schema, answering as the
 * application does: with the scalars ({@code graphql/GraphQlWiring}), the global {@code id} of every
 * Node ({@code node/NodeIdWiring}) and the error model ({@code graphql/ErrorResolver}, which every
 * slice holds as a {@code DataFetcherExceptionResolver}). No server, no security, no MongoDB: the
 * test mocks the controllers' services ({@code @MockitoBean}) and puts the {@code Viewer} in the
 * GraphQL context itself. Left out: the token verifier (a {@code Converter} the slice would take in,
 * which needs the accounts) and the document limits and instrumentation (configuration classes).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@GraphQlTest(excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = JwtDecoder.class))
@Import(GraphQlSliceTest.Wiring.class)
public @interface GraphQlSliceTest {

	/** The controllers under test. */
	@AliasFor(annotation = GraphQlTest.class, attribute = "controllers")
	Class<?>[] value();

	/**
	 * The wiring the slice leaves out because it is declared in configuration classes; they are
	 * package-private, hence found by name.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@ComponentScan(basePackages = { "dev.marquee.graphql", "dev.marquee.node" }, useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
					pattern = { "dev\\.marquee\\.graphql\\.GraphQlWiring", "dev\\.marquee\\.node\\.NodeIdWiring" }))
	class Wiring {

	}

}
