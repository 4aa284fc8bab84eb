package dev.marquee.graphql;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import graphql.ExecutionResult;
import graphql.GraphQLException;
import graphql.execution.UnknownOperationException;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import jakarta.servlet.http.Cookie;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.server.webmvc.GraphQlRequestPredicates;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL over HTTP on {@code /graphql} as the specification
 * (<a href="https://graphql.github.io/graphql-over-http/draft/">graphql-over-http</a>) and its reference audit
 * ({@code graphql-http}'s {@code serverAudits}) describe it. Spring GraphQL's {@link GraphQlHttpHandler} serves
 * POST only; this handler takes its place (Spring Boot backs off) and keeps its response writing:
 * <ul>
 * <li>{@code GET /graphql?query=…&variables=…&operationName=…&extensions=…} runs queries; a mutation over GET is
 * 405 with {@code Allow: POST} and never runs.</li>
 * <li>GET and POST read the same parameters with the same checks, before anything runs: {@code query} a
 * non-empty string, {@code operationName} a string, {@code variables} and {@code extensions} JSON objects
 * (an empty or {@code null} optional one is absent). Anything else is 400, naming the parameter.</li>
 * <li>The answer's media type is the most preferred of {@code Accept} (by quality, then order):
 * {@code application/graphql-response+json}, or {@code application/json} (also for a missing Accept,
 * {@code *}{@code /*} or {@code application/*}); none acceptable is 406.</li>
 * <li>With {@code application/graphql-response+json}, an answer without {@code data} (a document that does
 * not parse or validate, a refused limit, variables that do not coerce) is 400; with {@code application/json}
 * it is 200, as the audit asks of legacy clients. An operation that cannot be determined (an unknown
 * {@code operationName}; several operations and none named) is 400 with either.</li>
 * <li>Apollo's automatic persisted queries on both methods ({@link PersistedQueries}: {@code query} may be
 * absent when {@code extensions.persistedQuery} names the document), and HTTP caching of anonymous GETs
 * ({@link HttpCache}: public answers with an ETag, {@code If-None-Match} answered 304 before the document is
 * parsed or run).</li>
 * </ul>
 * Every refusal here has the GraphQL error shape of {@link TransportErrors}. What runs before (the body limit
 * of {@link GraphQlRequestFilter}, Spring Security and its bearer tokens) and after (the interceptors, the
 * limits of {@link QueryLimits}) is the same for GET and POST.
 */
final class HttpTransport extends GraphQlHttpHandler {

	static final String PATH = "/graphql";

	private static final MediaType GRAPHQL_RESPONSE = MediaTypes.APPLICATION_GRAPHQL_RESPONSE;

	private static final String[] PARAMETERS = { "query", "operationName", "variables", "extensions" };

	private final WebGraphQlHandler graphQlHandler;

	private final JsonMapper json;

	private final DocumentCache documents;

	private final PersistedQueries persistedQueries;

	private final HttpCache cache;

	private final IdGenerator ids = new AlternativeJdkIdGenerator();

	HttpTransport(WebGraphQlHandler graphQlHandler, JsonMapper json, DocumentCache documents,
			PersistedQueries persistedQueries, HttpCache cache) {
		super(graphQlHandler);
		this.graphQlHandler = graphQlHandler;
		this.json = json;
		this.documents = documents;
		this.persistedQueries = persistedQueries;
		this.cache = cache;
	}

	/** The methods the endpoint answers itself (OPTIONS is CORS's); any other gets 405. */
	private static final Set<HttpMethod> ANSWERED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.OPTIONS);

	/** The routes Spring Boot's own do not have: GET, and a POST its routes refuse without a body. */
	@Configuration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		HttpTransport httpTransport(WebGraphQlHandler graphQlHandler, JsonMapper json, DocumentCache documents,
				PersistedQueries persistedQueries, HttpCache cache) {
			return new HttpTransport(graphQlHandler, json, documents, persistedQueries, cache);
		}

		/** Ahead of Spring Boot's routes (order 0), which answer GET with a bare 405. */
		@Bean
		@Order(-1)
		RouterFunction<ServerResponse> graphQlOverHttp(HttpTransport transport) {
			return RouterFunctions.route()
				.GET(PATH, transport::handleRequest)
				.route(RequestPredicates.POST(PATH)
					.and(GraphQlRequestPredicates.graphQlHttp(PATH).negate())
					.and(GraphQlRequestPredicates.graphQlSse(PATH).negate()), transport::unsupported)
				.route(RequestPredicates.path(PATH).and((request) -> !ANSWERED.contains(request.method())),
						HttpTransport::methodNotAllowed)
				.build();
		}

	}

	@Override
	public ServerResponse handleRequest(ServerRequest request) {
		MediaType responseType;
		try {
			responseType = responseType(request.headers().asHttpHeaders().getAccept());
		}
		catch (InvalidMediaTypeException ex) {
			return refusal(HttpStatus.NOT_ACCEPTABLE, "The Accept header does not parse; "
					+ TransportErrors.message(HttpStatus.NOT_ACCEPTABLE));
		}
		if (responseType == null) {
			return refusal(HttpStatus.NOT_ACCEPTABLE, TransportErrors.message(HttpStatus.NOT_ACCEPTABLE));
		}
		boolean get = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
		Map<String, Object> parameters;
		PersistedQueries.Named named;
		try {
			parameters = check(get ? fromQueryString(request) : fromBody(request));
			named = this.persistedQueries.read(parameters);
		}
		catch (NotAGraphQlRequest ex) {
			return refusal(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		catch (PersistedQueries.NotTrusted ex) {
			return refusal(HttpStatus.BAD_REQUEST, ex.getMessage(), PersistedQueries.NOT_IN_LIST_CODE);
		}
		HttpCache.Validator validator = get
				? this.cache.validator(request.headers().asHttpHeaders(), named.hash(), parameters, responseType) : null;
		if (validator != null && validator.condition() == HttpCache.Condition.MATCH) {
			return notModified(validator);
		}
		String query = this.persistedQueries.text(named);
		if (query == null) {
			return persistedQueryNotFound();
		}
		parameters.put("query", query);
		if (get && isMutation(this.documents.kept(query), query, (String) parameters.get("operationName"))) {
			return refusal(HttpStatus.METHOD_NOT_ALLOWED, "A mutation is not run over GET; POST it to " + PATH + ".",
					(response) -> response.allow(HttpMethod.POST));
		}
		byte[] kept = (validator != null && validator.condition() == HttpCache.Condition.NONE)
				? this.cache.answer(validator.tag()) : null;
		if (kept != null) {
			this.persistedQueries.ran(named, true);
			return HttpCache.tagged(ServerResponse.ok()
				.headers((headers) -> this.cache.publicHeaders(headers, null))
				.contentType(responseType)
				.body(kept), validator.tag());
		}
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
				cookies(request), request.remoteAddress().orElse(null), request.attributes(), parameters,
				this.ids.generateId().toString(), LocaleContextHolder.getLocale());
		return answer(this.graphQlHandler.handleRequest(graphQlRequest), responseType, named, validator);
	}

	private ServerResponse answer(Mono<WebGraphQlResponse> responseMono, MediaType responseType,
			PersistedQueries.Named named, HttpCache.Validator validator) {
		Mono<ServerResponse> mono = responseMono.map((response) -> {
			HttpStatus status = status(response, responseType);
			ExecutionResult result = response.getExecutionResult();
			this.persistedQueries.ran(named, result.isDataPresent());
			boolean cacheable = validator != null && status == HttpStatus.OK && result.getErrors().isEmpty();
			if (cacheable && validator.condition() == HttpCache.Condition.ANY) {
				return notModified(validator);
			}
			Map<String, Object> map = response.toMap();
			Object body = map;
			if (cacheable) {
				byte[] shared = this.json.writeValueAsBytes(CostBudget.shared(map));
				this.cache.keep(validator.tag(), shared);
				body = shared;
			}
			ServerResponse answer = ServerResponse.status(status).headers((headers) -> {
				headers.putAll(response.getResponseHeaders());
				cacheHeaders(headers, cacheable);
			}).contentType(responseType).body(body);
			return cacheable ? HttpCache.tagged(answer, validator.tag()) : answer;
		});
		return ServerResponse.async(mono.toFuture());
	}

	/** Public when the answer may be shared (its tag is added by {@link HttpCache#tagged}), else private. */
	private void cacheHeaders(HttpHeaders headers, boolean cacheable) {
		if (cacheable) {
			this.cache.publicHeaders(headers, null);
		}
		else {
			HttpCache.privateHeaders(headers);
		}
	}

	/** 304: the client's copy is current; the same cache headers as the 200 it holds. */
	private ServerResponse notModified(HttpCache.Validator validator) {
		return ServerResponse.status(HttpStatus.NOT_MODIFIED)
			.headers((headers) -> this.cache.publicHeaders(headers, validator.tag()))
			.build();
	}

	/** Apollo's answer to a hash registered nowhere: 200, so that clients read it and send the query along. */
	private static ServerResponse persistedQueryNotFound() {
		return ServerResponse.ok()
			.headers(HttpCache::privateHeaders)
			.contentType(MediaType.APPLICATION_JSON)
			.body(TransportErrors.body(HttpStatus.OK, PersistedQueries.NOT_FOUND_MESSAGE, PersistedQueries.NOT_FOUND_CODE));
	}

	/** PUT, DELETE, PATCH… on the endpoint: 405 naming the methods it takes. */
	static ServerResponse methodNotAllowed(ServerRequest request) {
		return refusal(HttpStatus.METHOD_NOT_ALLOWED, TransportErrors.message(HttpStatus.METHOD_NOT_ALLOWED),
				(response) -> response.allow(HttpMethod.GET, HttpMethod.POST));
	}

	/** A POST that Spring Boot's GraphQL routes do not take: its content type or its Accept header. */
	ServerResponse unsupported(ServerRequest request) {
		MediaType contentType;
		try {
			contentType = request.headers().contentType().orElse(null);
		}
		catch (InvalidMediaTypeException ex) {
			contentType = null;
		}
		if (contentType == null || !MediaType.APPLICATION_JSON.includes(contentType)) {
			return refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send GraphQL requests as application/json.",
					(response) -> response.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE));
		}
		return handleRequest(request);
	}

	static HttpStatus status(WebGraphQlResponse response, MediaType responseType) {
		ExecutionResult result = response.getExecutionResult();
		if (CostBudget.isThrottled(result)) {
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		if (result.isDataPresent()) {
			return HttpStatus.OK;
		}
		boolean undetermined = result.getErrors().stream().anyMatch(UnknownOperationException.class::isInstance);
		return (undetermined || GRAPHQL_RESPONSE.equals(responseType)) ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
	}

	/**
	 * The media type of the answer: the acceptable one of highest quality (the first of equal quality), or
	 * null when none is.
	 */
	static MediaType responseType(List<MediaType> accept) {
		if (accept.isEmpty()) {
			return MediaType.APPLICATION_JSON;
		}
		List<MediaType> preferred = new ArrayList<>(accept);
		preferred.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType type : preferred) {
			if (type.getQualityValue() <= 0) {
				continue;
			}
			if (type.isWildcardSubtype() && (type.isWildcardType() || "application".equals(type.getType()))) {
				return MediaType.APPLICATION_JSON;
			}
			if (GRAPHQL_RESPONSE.equalsTypeAndSubtype(type)) {
				return GRAPHQL_RESPONSE;
			}
			if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
				return MediaType.APPLICATION_JSON;
			}
		}
		return null;
	}

	private Map<String, Object> fromQueryString(ServerRequest request) throws NotAGraphQlRequest {
		MultiValueMap<String, String> query = request.params();
		Map<String, Object> parameters = new LinkedHashMap<>();
		for (String name : PARAMETERS) {
			List<String> values = query.get(name);
			if (values == null || values.isEmpty()) {
				continue;
			}
			if (values.size() > 1) {
				throw new NotAGraphQlRequest("`" + name + "` is given " + values.size() + " times; give it once.");
			}
			String value = values.get(0);
			boolean json = "variables".equals(name) || "extensions".equals(name);
			parameters.put(name, (json && !value.isEmpty()) ? parseJson(name, value) : value);
		}
		return parameters;
	}

	private Map<String, Object> fromBody(ServerRequest request) throws NotAGraphQlRequest {
		byte[] body;
		try {
			body = StreamUtils.copyToByteArray(request.servletRequest().getInputStream());
		}
		catch (IOException ex) {
			throw new NotAGraphQlRequest("The request body could not be read.");
		}
		Charset charset = request.headers().contentType().map(MediaType::getCharset).orElse(StandardCharsets.UTF_8);
		Object value;
		try {
			value = StandardCharsets.UTF_8.equals(charset) ? this.json.readValue(body, Object.class)
					: this.json.readValue(new String(body, charset), Object.class);
		}
		catch (JacksonException ex) {
			throw new NotAGraphQlRequest("The body is not JSON" + where(ex.getLocation()) + ". "
					+ TransportErrors.message(HttpStatus.BAD_REQUEST));
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new NotAGraphQlRequest(TransportErrors.message(HttpStatus.BAD_REQUEST));
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		for (String name : PARAMETERS) {
			if (map.containsKey(name)) {
				parameters.put(name, map.get(name));
			}
		}
		return parameters;
	}

	private Object parseJson(String name, String value) throws NotAGraphQlRequest {
		try {
			return this.json.readValue(value, Object.class);
		}
		catch (JacksonException ex) {
			throw new NotAGraphQlRequest("`" + name + "` is not JSON" + where(ex.getLocation())
					+ "; it is a JSON object, URL-encoded.");
		}
	}

	/**
	 * The parameters of a well-formed GraphQL-over-HTTP request, or why these are not: {@code query} a
	 * non-empty string (absent when {@code extensions.persistedQuery} names the document); {@code operationName}
	 * a string, {@code variables} and {@code extensions} objects, each optional ({@code null} or empty is
	 * absent). Other keys are ignored, as the specification says.
	 */
	static Map<String, Object> check(Map<String, Object> parameters) throws NotAGraphQlRequest {
		Map<String, Object> checked = new LinkedHashMap<>();
		Object query = parameters.get("query");
		boolean persisted = parameters.get("extensions") instanceof Map<?, ?> extensions
				&& extensions.get(PersistedQueries.EXTENSION) != null;
		if (persisted && (query == null || "".equals(query))) {
			// the document is named by its hash alone
		}
		else if (query == null || (query instanceof String text && text.isBlank())) {
			throw new NotAGraphQlRequest("`query` is missing or empty. " + TransportErrors.message(HttpStatus.BAD_REQUEST));
		}
		if (query != null && !(query instanceof String)) {
			throw new NotAGraphQlRequest("`query` is the GraphQL document as a string, was " + kind(query) + ".");
		}
		if (query != null && !"".equals(query)) {
			checked.put("query", query);
		}
		Object operationName = parameters.get("operationName");
		if (operationName != null && !(operationName instanceof String)) {
			throw new NotAGraphQlRequest("`operationName` is a string, was " + kind(operationName) + ".");
		}
		if (operationName != null && !((String) operationName).isEmpty()) {
			checked.put("operationName", operationName);
		}
		for (String name : new String[] { "variables", "extensions" }) {
			Object value = parameters.get(name);
			if (value == null || "".equals(value)) {
				continue;
			}
			if (!(value instanceof Map)) {
				throw new NotAGraphQlRequest("`" + name + "` is a JSON object, was " + kind(value) + ".");
			}
			checked.put(name, value);
		}
		return checked;
	}

	/**
	 * Whether the document's operation to run (the one named, or the only one) is a mutation; false when
	 * that cannot be told (the document does not parse, the operation is unknown), which execution then
	 * answers with its own error.
	 */
	static boolean isMutation(String query, String operationName) {
		return isMutation(null, query, operationName);
	}

	/** As {@link #isMutation(String, String)}, reading the document cache's copy of the query when it has one. */
	static boolean isMutation(Document kept, String query, String operationName) {
		Document document = kept;
		if (document == null) {
			try {
				document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query).build());
			}
			catch (GraphQLException ex) {
				return false;
			}
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		OperationDefinition operation = null;
		if (operationName != null) {
			operation = operations.stream().filter((o) -> operationName.equals(o.getName())).findFirst().orElse(null);
		}
		else if (operations.size() == 1) {
			operation = operations.get(0);
		}
		return operation != null && operation.getOperation() == OperationDefinition.Operation.MUTATION;
	}

	private static String kind(Object value) {
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Number) {
			return "a number";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		if (value instanceof List) {
			return "a list";
		}
		return (value instanceof Map) ? "an object" : "null";
	}

	private static String where(TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
	}

	private static ServerResponse refusal(HttpStatus status, String message) {
		return refusal(status, message, (response) -> response);
	}

	/** A refusal whose error carries {@code extensions.code}. */
	private static ServerResponse refusal(HttpStatus status, String message, String code) {
		return ServerResponse.status(status)
			.headers(HttpCache::privateHeaders)
			.contentType(MediaType.APPLICATION_JSON)
			.body(TransportErrors.body(status, message, code));
	}

	/** A GraphQL-shaped error body of this status, with the headers {@code headers} adds (Allow, Accept). */
	private static ServerResponse refusal(HttpStatus status, String message,
			UnaryOperator<ServerResponse.BodyBuilder> headers) {
		return headers.apply(ServerResponse.status(status))
			.contentType(MediaType.APPLICATION_JSON)
			.body(TransportErrors.body(status, message));
	}

	private static MultiValueMap<String, HttpCookie> cookies(ServerRequest request) {
		MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
		for (List<Cookie> values : request.cookies().values()) {
			for (Cookie cookie : values) {
				cookies.add(cookie.getName(), new HttpCookie(cookie.getName(), cookie.getValue()));
			}
		}
		return cookies;
	}

	/** Parameters that do not make a GraphQL-over-HTTP request; the message says which and why. */
	static final class NotAGraphQlRequest extends Exception {

		NotAGraphQlRequest(String message) {
			super(message, null, false, false);
		}

	}

}
