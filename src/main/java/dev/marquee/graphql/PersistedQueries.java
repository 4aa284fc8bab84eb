package dev.marquee.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.marquee.graphql.HttpTransport.NotAGraphQlRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Apollo's automatic persisted queries on GET and POST: {@code extensions.persistedQuery} is
 * {@code {"version": 1, "sha256Hash": "<64 hex digits>"}}. A hash alone names a document registered before (on any
 * node: {@link PersistedQueryStore}) or one of the manifest ({@link TrustedDocuments}); unknown, it is answered
 * {@code PersistedQueryNotFound} and the client sends it again with its {@code query}. A hash with a query must be
 * the query's SHA-256 (else 400, nothing registered); the query runs and, when it answered data and is not too
 * long, is registered. The extension of the wrong shape is 400 naming the parameter.
 * <p>
 * With {@code marquee.graphql.persisted-only}, a caller that may not run documents of its own
 * ({@link FreeFormCallers}: anonymous, or organizing nothing) is refused any document that is not in the
 * manifest, by hash or by text, before it is parsed.
 * <p>
 * Node-local, in front of the store: the text of recently used hashes (the document cache then has the parsed
 * document of that text), and when each was last marked used in the store, so the store gets at most one write per
 * hash and node a minute, not one per read.
 */
final class PersistedQueries {

	static final String EXTENSION = "persistedQuery";

	static final String NOT_FOUND_CODE = "PERSISTED_QUERY_NOT_FOUND";

	/** The message Apollo's clients look for (they read the message, not the code). */
	static final String NOT_FOUND_MESSAGE = "PersistedQueryNotFound";

	static final String NOT_IN_LIST_CODE = "PERSISTED_QUERY_NOT_IN_LIST";

	static final long TOUCH_INTERVAL_MILLIS = TimeUnit.MINUTES.toMillis(1);

	private static final HexFormat HEX = HexFormat.of();

	private static final Logger log = LoggerFactory.getLogger(PersistedQueries.class);

	private final PersistedQueryStore store;

	private final TrustedDocuments trusted;

	private final boolean persistedOnly;

	private final FreeFormCallers callers;

	private final long maxDocumentBytes;

	private final LongSupplier millis;

	private final Cache<String, Known> known;

	PersistedQueries(PersistedQueryStore store, TrustedDocuments trusted, boolean persistedOnly,
			FreeFormCallers callers, PersistedQueriesProperties properties, int localEntries, LongSupplier millis) {
		this.store = store;
		this.trusted = trusted;
		this.persistedOnly = persistedOnly;
		this.callers = callers;
		this.maxDocumentBytes = properties.maxDocumentSize().toBytes();
		this.millis = millis;
		this.known = Caffeine.newBuilder().maximumSize(Math.max(1, localEntries)).build();
	}

	/**
	 * The document a request names, checked: its extension well-formed, its hash that of its query, and allowed
	 * to this caller. Reads nothing from the database.
	 *
	 * @throws NotAGraphQlRequest a malformed extension, a hash that is not the query's (400)
	 * @throws NotTrusted a document outside the manifest in persisted-only mode, for a caller held to it
	 */
	Named read(Map<String, Object> parameters) throws NotAGraphQlRequest, NotTrusted {
		String query = (String) parameters.get("query");
		Object extensions = parameters.get("extensions");
		Object extension = (extensions instanceof Map<?, ?> map) ? map.get(EXTENSION) : null;
		Named named;
		if (extension == null) {
			named = new Named(null, query, false);
		}
		else {
			String hash = hashOf(extension);
			if (query != null && !hash.equals(sha256(query))) {
				throw new NotAGraphQlRequest("`extensions.persistedQuery.sha256Hash` is not the SHA-256 of `query` "
						+ "(hex, of its UTF-8 bytes); nothing was registered.");
			}
			boolean register = query != null && !this.trusted.contains(hash)
					&& !Utf8.longerThan(query, this.maxDocumentBytes);
			named = new Named(hash, query, register);
		}
		if (this.persistedOnly && !this.trusted.contains(named.hash()) && !this.callers.currentMayRunAnyDocument()) {
			throw new NotTrusted();
		}
		return named;
	}

	/**
	 * The text of the document: the request's own, the manifest's, the one this node used recently, or the
	 * store's (one read); null when the hash is registered nowhere.
	 */
	String text(Named named) {
		if (named.text != null) {
			return named.text;
		}
		String body = this.trusted.body(named.hash);
		if (body != null) {
			return body;
		}
		long now = this.millis.getAsLong();
		Known kept = this.known.getIfPresent(named.hash);
		if (kept != null) {
			if (now - kept.touchedAt >= TOUCH_INTERVAL_MILLIS) {
				kept.touchedAt = now;
				this.store.touch(named.hash);
			}
			return kept.text;
		}
		String text = this.store.find(named.hash);
		if (text == null) {
			return null;
		}
		this.store.touch(named.hash);
		this.known.put(named.hash, new Known(text, now));
		return text;
	}

	/**
	 * After the request ran: a query sent with its hash is registered when it answered data. Registering is a
	 * courtesy to the next request: a store that fails is logged, and this answer is sent all the same.
	 */
	void ran(Named named, boolean dataPresent) {
		if (named.register && dataPresent) {
			this.known.put(named.hash, new Known(named.text, this.millis.getAsLong()));
			try {
				this.store.register(named.hash, named.text);
			}
			catch (RuntimeException ex) {
				log.warn("The persisted query {} was not registered", named.hash, ex);
			}
		}
	}

	/** The hash of a well-formed extension, lower case; else why not, naming the parameter. */
	static String hashOf(Object extension) throws NotAGraphQlRequest {
		if (!(extension instanceof Map<?, ?> persisted)) {
			throw new NotAGraphQlRequest("`extensions.persistedQuery` is an object {\"version\": 1, \"sha256Hash\": …}, was "
					+ kind(extension) + ".");
		}
		Object version = persisted.get("version");
		if (!(version instanceof Integer || version instanceof Long) || ((Number) version).longValue() != 1) {
			throw new NotAGraphQlRequest("`extensions.persistedQuery.version` is 1 (the only version of the protocol), was "
					+ ((version instanceof Number) ? version : kind(version)) + ".");
		}
		Object hash = persisted.get("sha256Hash");
		if (!(hash instanceof String text)) {
			throw new NotAGraphQlRequest("`extensions.persistedQuery.sha256Hash` is the SHA-256 of the document as 64 "
					+ "hex digits, was " + kind(hash) + ".");
		}
		if (text.length() != 64 || !text.chars().allMatch(PersistedQueries::isHexDigit)) {
			throw new NotAGraphQlRequest("`extensions.persistedQuery.sha256Hash` is the SHA-256 of the document as 64 "
					+ "hex digits, was " + text.length() + " characters"
					+ (text.chars().allMatch(PersistedQueries::isHexDigit) ? "" : " that are not all hex digits") + ".");
		}
		return text.toLowerCase(Locale.ROOT);
	}

	private static boolean isHexDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** The SHA-256 of the text's UTF-8 bytes, 64 lowercase hex digits. */
	static String sha256(String text) {
		try {
			return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static String kind(Object value) {
		if (value == null) {
			return "missing";
		}
		return (value instanceof String) ? "a string" : (value instanceof Number) ? "a number"
				: (value instanceof Boolean) ? "a boolean" : (value instanceof List) ? "a list" : "an object";
	}

	/**
	 * The document of a request: its hash when sent (else the SHA-256 of its text, computed when asked), its text
	 * when sent, and whether to register it once it ran.
	 */
	static final class Named {

		private String hash;

		private final String text;

		private final boolean register;

		Named(String hash, String text, boolean register) {
			this.hash = hash;
			this.text = text;
			this.register = register;
		}

		String hash() {
			if (this.hash == null) {
				this.hash = sha256(this.text);
			}
			return this.hash;
		}

		/** Whether the request sent only the hash. */
		boolean byHashOnly() {
			return this.text == null;
		}

	}

	private static final class Known {

		private final String text;

		private volatile long touchedAt;

		Known(String text, long touchedAt) {
			this.text = text;
			this.touchedAt = touchedAt;
		}

	}

	/** A document outside the manifest from a caller held to it. */
	static final class NotTrusted extends Exception {

		NotTrusted() {
			super("Only the documents of this server's manifest may be run here (marquee.graphql.persisted-only): "
					+ "send one by its `extensions.persistedQuery.sha256Hash`, or sign in as an organizer.", null, false,
					false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Wiring {

		@Bean
		PersistedQueries persistedQueries(PersistedQueryStore store, TrustedDocumentsProperties trusted,
				FreeFormCallers callers, PersistedQueriesProperties properties, DocumentCacheProperties documents,
				JsonMapper json) {
			return new PersistedQueries(store, TrustedDocuments.of(trusted, json), trusted.persistedOnly(), callers,
					properties, Math.max(documents.maxEntries(), 100), System::currentTimeMillis);
		}

	}

}
