package dev.marquee.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents of an Apollo persisted-query manifest
 * ({@code {"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id","name","type","body"}]}},
 * the file Apollo's {@code generate-persisted-query-manifest} writes), by id: each id is the SHA-256 of its body,
 * 64 lowercase hex digits. Read once at start-up; a file that cannot be read, is no such manifest or has an id
 * that is not its body's hash stops the start with a message naming the file and the problem.
 */
final class TrustedDocuments {

	static final String FORMAT = "apollo-persisted-query-manifest";

	private static final Set<String> TYPES = Set.of("query", "mutation", "subscription");

	private final Map<String, String> bodies;

	private TrustedDocuments(Map<String, String> bodies) {
		this.bodies = bodies;
	}

	static TrustedDocuments none() {
		return new TrustedDocuments(Map.of());
	}

	/** The manifest of the settings, or none when none is set; refused when persisted-only has none. */
	static TrustedDocuments of(TrustedDocumentsProperties properties, JsonMapper json) {
		if (properties.persistedManifest() == null) {
			if (properties.persistedOnly()) {
				throw new IllegalStateException("marquee.graphql.persisted-only is true but no "
						+ "marquee.graphql.persisted-manifest is set: name the manifest of the documents anonymous "
						+ "callers may run.");
			}
			return none();
		}
		return read(properties.persistedManifest(), json);
	}

	static TrustedDocuments read(Path file, JsonMapper json) {
		String problem;
		try {
			return new TrustedDocuments(parse(Files.readAllBytes(file), json));
		}
		catch (IOException ex) {
			problem = "cannot be read (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")";
		}
		catch (JacksonException ex) {
			problem = "is not JSON" + ((ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
					? " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")" : "");
		}
		catch (IllegalArgumentException ex) {
			problem = ex.getMessage();
		}
		throw new IllegalStateException("The persisted-query manifest " + file.toAbsolutePath()
				+ " (marquee.graphql.persisted-manifest) " + problem + ".");
	}

	private static Map<String, String> parse(byte[] content, JsonMapper json) {
		Object value = json.readValue(content, Object.class);
		if (!(value instanceof Map<?, ?> manifest)) {
			throw new IllegalArgumentException("is not a JSON object");
		}
		if (!FORMAT.equals(manifest.get("format"))) {
			throw new IllegalArgumentException("has `format` " + quoted(manifest.get("format")) + "; it is \"" + FORMAT + "\"");
		}
		Object version = manifest.get("version");
		if (!(version instanceof Integer || version instanceof Long) || ((Number) version).longValue() != 1) {
			throw new IllegalArgumentException("has `version` " + quoted(version) + "; the version read here is 1");
		}
		if (!(manifest.get("operations") instanceof List<?> operations)) {
			throw new IllegalArgumentException("has no `operations` list");
		}
		Map<String, String> bodies = new HashMap<>();
		for (int i = 0; i < operations.size(); i++) {
			if (!(operations.get(i) instanceof Map<?, ?> operation)) {
				throw new IllegalArgumentException("has operation " + i + " that is not an object");
			}
			String where = "has operation " + i + ((operation.get("name") instanceof String name) ? " (" + name + ")" : "");
			if (!(operation.get("body") instanceof String body) || body.isBlank()) {
				throw new IllegalArgumentException(where + " without a `body` string");
			}
			if (!(operation.get("id") instanceof String id)) {
				throw new IllegalArgumentException(where + " without an `id` string");
			}
			if (operation.get("name") != null && !(operation.get("name") instanceof String)) {
				throw new IllegalArgumentException(where + " whose `name` is not a string");
			}
			if (operation.get("type") != null && !TYPES.contains(operation.get("type"))) {
				throw new IllegalArgumentException(where + " whose `type` " + quoted(operation.get("type"))
						+ " is not query, mutation or subscription");
			}
			String hash = PersistedQueries.sha256(body);
			if (!hash.equals(id)) {
				throw new IllegalArgumentException(where + " whose `id` " + quoted(id)
						+ " is not the SHA-256 of its `body` (" + hash + ")");
			}
			bodies.put(id, body);
		}
		return Map.copyOf(bodies);
	}

	private static String quoted(Object value) {
		return (value instanceof String text) ? "\"" + text + "\"" : String.valueOf(value);
	}

	/** The body of the manifest's document with this id (its SHA-256), or null. */
	String body(String hash) {
		return this.bodies.get(hash);
	}

	boolean contains(String hash) {
		return this.bodies.containsKey(hash);
	}

	int size() {
		return this.bodies.size();
	}

}
