package dev.marquee.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * HTTP caching of anonymous GETs. Such an answer without errors is {@code Cache-Control: public, max-age=N,
 * stale-while-revalidate=M} with a strong {@code ETag}; every other answer of the endpoint (a signed-in caller, a
 * POST, an answer with errors) is {@code private, no-store}; all vary by {@code Authorization} and {@code Accept}.
 * <p>
 * The entity tag is the SHA-256 of the data version ({@link DataVersion}, advanced by every write a reader could
 * see, read from the database so every node agrees), the document (the SHA-256 of its text, which is its
 * persisted-query hash), the variables (JSON with the keys of every object sorted), the operation name and the
 * answer's media type. {@code If-None-Match} with a matching tag (one, or one of a list; {@code W/} tags compared
 * weakly, as RFC 9110 asks for {@code If-None-Match}) is answered 304 before the document is parsed or run: one
 * read, the version. A header that does not parse matches nothing. {@code *} matches any current representation
 * (RFC 9110, 13.1.2): the query runs, and an answer that would be a public 200 is a 304 instead.
 * <p>
 * A public answer is also kept on the node, by its tag ({@link #answer}, {@link #keep}; bounded in bytes, least
 * recently used first out): the next GET whose tag is the same, from any anonymous client, gets those bytes
 * without the query running, after the same one read of the version as a 304. It is the promise the public
 * {@code Cache-Control} and the strong tag already make to every shared cache in front (these bytes, for
 * anyone, while the version stays), kept by the node itself; a write advances the version, so no kept answer
 * is served after it. Like a 304, an answer served again runs nothing and charges no budget.
 */
final class HttpCache {

	private static final Base64.Encoder TAG = Base64.getUrlEncoder().withoutPadding();

	static final String VARY = "Authorization, Accept";

	static final String PRIVATE = "private, no-store";

	private final DataVersion version;

	private final String publicCacheControl;

	private final JsonMapper json = new JsonMapper();

	/** Public answers by tag, as sent; null when {@code marquee.graphql.http-cache.answers} is 0. */
	private final Cache<String, byte[]> answers;

	/** The largest answer kept, in bytes. */
	private final long largestKept;

	HttpCache(HttpCacheProperties properties, DataVersion version) {
		this.version = version;
		long bytes = properties.answers().toBytes();
		this.largestKept = bytes / 8;
		this.answers = (bytes == 0) ? null
				: Caffeine.newBuilder()
					.maximumWeight(bytes)
					.<String, byte[]>weigher((tag, answer) -> answer.length + tag.length() + 64)
					.build();
		this.publicCacheControl = "public, max-age=" + properties.maxAge().toSeconds() + ", stale-while-revalidate="
				+ properties.staleWhileRevalidate().toSeconds();
	}

	/**
	 * The validator of the answer to a GET of this document, with the version read now; null when the answer is
	 * never public (the caller sent credentials).
	 */
	Validator validator(HttpHeaders request, String documentHash, Map<String, Object> parameters, MediaType type) {
		if (request.containsHeader(HttpHeaders.AUTHORIZATION)) {
			return null;
		}
		String tag = tag(this.version.current(), documentHash, parameters.get("variables"),
				(String) parameters.get("operationName"), type);
		List<String> ifNoneMatch = request.get(HttpHeaders.IF_NONE_MATCH);
		return new Validator(tag, condition((ifNoneMatch != null) ? ifNoneMatch : List.of(), tag));
	}

	String tag(long dataVersion, String documentHash, Object variables, String operationName, MediaType type) {
		String key = dataVersion + "\n" + documentHash + "\n"
				+ ((variables instanceof Map<?, ?> map && !map.isEmpty()) ? this.json.writeValueAsString(sorted(map)) : "{}")
				+ "\n" + ((operationName != null) ? operationName : "") + "\n" + type.getType() + "/" + type.getSubtype();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return "\"" + TAG.encodeToString(digest) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/** The value with the keys of every object in natural order, whatever order or comparator its maps had. */
	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			TreeMap<String, Object> sorted = new TreeMap<>();
			map.forEach((key, item) -> sorted.put(String.valueOf(key), sorted(item)));
			return sorted;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(HttpCache::sorted).toList();
		}
		return value;
	}

	/** The public answer kept for this tag, as sent, or null. */
	byte[] answer(String tag) {
		return (this.answers != null) ? this.answers.getIfPresent(tag) : null;
	}

	/**
	 * Keeps a public answer, as sent, to serve again to a GET with this tag; one larger than an eighth of the
	 * space is not kept, so that one large answer never pushes out every other.
	 */
	void keep(String tag, byte[] answer) {
		if (this.answers != null && answer.length <= this.largestKept) {
			this.answers.put(tag, answer);
		}
	}

	/** The headers of a public answer (200 or 304) with this tag (none when null). */
	void publicHeaders(HttpHeaders headers, String tag) {
		headers.set(HttpHeaders.CACHE_CONTROL, this.publicCacheControl);
		headers.set(HttpHeaders.VARY, VARY);
		if (tag != null) {
			headers.set(HttpHeaders.ETAG, tag);
		}
	}

	/**
	 * The answer with this tag, its {@code ETag} header written past Spring MVC's own {@code If-None-Match} check
	 * (which a {@code ServerResponse} with an ETag runs when written, reading tags out of headers that do not
	 * parse): only {@link #condition} decides, before the query runs or, for {@code *}, after.
	 */
	static ServerResponse tagged(ServerResponse answer, String tag) {
		return new ServerResponse() {

			@Override
			public HttpStatusCode statusCode() {
				return answer.statusCode();
			}

			@Override
			public HttpHeaders headers() {
				HttpHeaders headers = new HttpHeaders();
				headers.putAll(answer.headers());
				headers.setETag(tag);
				return headers;
			}

			@Override
			public MultiValueMap<String, Cookie> cookies() {
				return answer.cookies();
			}

			@Override
			public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
					throws ServletException, IOException {
				response.setHeader(HttpHeaders.ETAG, tag);
				return answer.writeTo(request, response, context);
			}

		};
	}

	/** The headers of any other answer. */
	static void privateHeaders(HttpHeaders headers) {
		headers.set(HttpHeaders.CACHE_CONTROL, PRIVATE);
		headers.set(HttpHeaders.VARY, VARY);
	}

	/** What the {@code If-None-Match} header lines say of this tag: a match, {@code *}, or nothing. */
	static Condition condition(List<String> ifNoneMatch, String tag) {
		if (ifNoneMatch.isEmpty()) {
			return Condition.NONE;
		}
		if (ifNoneMatch.size() == 1 && "*".equals(ifNoneMatch.get(0).strip())) {
			return Condition.ANY;
		}
		String opaque = tag;
		boolean matched = false;
		for (String line : ifNoneMatch) {
			int i = 0;
			int n = line.length();
			boolean expectTag = true;
			while (i < n) {
				char c = line.charAt(i);
				if (c == ' ' || c == '\t') {
					i++;
				}
				else if (c == ',') {
					expectTag = true;
					i++;
				}
				else if (expectTag) {
					int start = (line.startsWith("W/", i)) ? i + 2 : i;
					if (start >= n || line.charAt(start) != '"') {
						return Condition.NONE;
					}
					int end = start + 1;
					while (end < n && line.charAt(end) != '"') {
						char e = line.charAt(end);
						if (e < 0x21 || e == 0x7F) {
							return Condition.NONE;
						}
						end++;
					}
					if (end >= n) {
						return Condition.NONE;
					}
					matched |= line.regionMatches(start, opaque, 0, opaque.length()) && end + 1 - start == opaque.length();
					i = end + 1;
					expectTag = false;
				}
				else {
					return Condition.NONE;
				}
			}
		}
		return matched ? Condition.MATCH : Condition.NONE;
	}

	/** What {@code If-None-Match} asks. */
	enum Condition {

		/** No header, a header that does not parse, or no tag of it matches. */
		NONE,
		/** One of its tags is the answer's. */
		MATCH,
		/** {@code *}: any current representation. */
		ANY

	}

	/** The entity tag of an answer to a GET, and what the request's {@code If-None-Match} says of it. */
	record Validator(String tag, Condition condition) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Wiring {

		@Bean
		HttpCache httpCache(HttpCacheProperties properties, DataVersion version) {
			return new HttpCache(properties, version);
		}

	}

}
