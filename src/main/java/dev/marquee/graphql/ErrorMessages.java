package dev.marquee.graphql;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * graphql-java names the Java class of a value it could not coerce ("Expected a String input, but it
 * was a 'LinkedHashMap'"); clients sent JSON, so the message names the JSON kind instead ("an object").
 * Applied to every error of every answer, this is the last step of the error model.
 */
@Component
class ErrorMessages implements WebGraphQlInterceptor {

	/**
	 * A quoted class name: qualified anywhere, simple after "a", "an" or "was" (not a GraphQL type name
	 * such as "type 'String'").
	 */
	private static final Pattern JAVA_CLASS = Pattern
		.compile("(\\b(?:a|an) |\\bwas )?'((?:[a-z][a-z0-9_]*\\.)+)?([A-Z][A-Za-z0-9_$]*)'");

	private static final Map<String, String> QUALIFIED = Map.of("java.time.OffsetDateTime", "a DateTime",
			"java.time.ZonedDateTime", "a DateTime", "java.time.LocalDate", "a Date", "java.net.URL", "a URL");

	private static final Map<String, String> KINDS = Map.ofEntries(Map.entry("LinkedHashMap", "an object"),
			Map.entry("HashMap", "an object"), Map.entry("TreeMap", "an object"), Map.entry("Map", "an object"),
			Map.entry("ObjectValue", "an object"), Map.entry("ArrayList", "a list"), Map.entry("LinkedList", "a list"),
			Map.entry("List", "a list"), Map.entry("ArrayValue", "a list"), Map.entry("Integer", "a number"),
			Map.entry("Long", "a number"), Map.entry("BigInteger", "a number"), Map.entry("BigDecimal", "a number"),
			Map.entry("Double", "a number"), Map.entry("Float", "a number"), Map.entry("Short", "a number"),
			Map.entry("Byte", "a number"), Map.entry("IntValue", "an integer"), Map.entry("FloatValue", "a number"),
			Map.entry("Boolean", "a boolean"), Map.entry("BooleanValue", "a boolean"), Map.entry("String", "a string"),
			Map.entry("StringValue", "a string"), Map.entry("EnumValue", "an enum value"),
			Map.entry("NullValue", "null"), Map.entry("VariableReference", "a variable"));

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			if (errors.stream().noneMatch((error) -> namesAClass(error.getMessage()))) {
				return response;
			}
			return response.transform((builder) -> builder.errors(errors.stream().map(ErrorMessages::sanitize).toList()));
		});
	}

	private static boolean namesAClass(String message) {
		if (message == null) {
			return false;
		}
		Matcher matcher = JAVA_CLASS.matcher(message);
		while (matcher.find()) {
			if (matcher.group(2) != null || (matcher.group(1) != null && KINDS.containsKey(matcher.group(3)))) {
				return true;
			}
		}
		return false;
	}

	private static GraphQLError sanitize(GraphQLError error) {
		if (!namesAClass(error.getMessage())) {
			return error;
		}
		return GraphqlErrorBuilder.newError()
			.message(text(error.getMessage()))
			.errorType(error.getErrorType())
			.locations(error.getLocations())
			.path(error.getPath())
			.extensions(error.getExtensions())
			.build();
	}

	/** The message with each Java class replaced by the JSON kind it stands for. */
	static String text(String message) {
		Matcher matcher = JAVA_CLASS.matcher(message);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String lead = (matcher.group(1) != null && matcher.group(1).startsWith("was")) ? "was " : "";
			String replacement;
			if (matcher.group(2) != null) {
				String name = matcher.group(2) + matcher.group(3);
				String kind = QUALIFIED.getOrDefault(name, KINDS.getOrDefault(matcher.group(3), "a value of another type"));
				replacement = lead + kind;
			}
			else if (matcher.group(1) != null && KINDS.containsKey(matcher.group(3))) {
				replacement = lead + KINDS.get(matcher.group(3));
			}
			else {
				replacement = matcher.group();
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
