package dev.marquee.support;

import java.util.UUID;

import com.mongodb.ConnectionString;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.StringUtils;

/**
 * The MongoDB the integration suite runs against, chosen once per run: {@code MONGODB_URI} when set,
 * else a Testcontainers {@code mongo:8} when Docker answers, else the embedded server in memory. Real
 * backends get a database name unique to the run, so runs never see each other's data.
 */
final class TestBackend {

	enum Kind {

		MONGODB_URI, TESTCONTAINERS, EMBEDDED

	}

	static final String DATABASE = "marquee_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private static Kind kind;

	private static String uri;

	private static MongoDBContainer container;

	private TestBackend() {
	}

	static synchronized Kind kind() {
		if (kind == null) {
			String fromEnv = System.getenv("MONGODB_URI");
			if (StringUtils.hasText(fromEnv)) {
				kind = Kind.MONGODB_URI;
				uri = withDatabase(fromEnv, DATABASE);
			}
			else if (dockerAvailable()) {
				container = new MongoDBContainer("mongo:8");
				container.start();
				kind = Kind.TESTCONTAINERS;
				uri = withDatabase(container.getConnectionString(), DATABASE);
			}
			else {
				kind = Kind.EMBEDDED;
			}
		}
		return kind;
	}

	static void register(DynamicPropertyRegistry registry) {
		registry.add("marquee.demo-data", () -> "never");
		// the background repair sweep would add its own commands to the counts the tests pin; the
		// repair itself is driven directly by PendingWritesRepairIT
		registry.add("marquee.pending-writes.sweep-interval", () -> "P1D");
		if (kind() == Kind.EMBEDDED) {
			// MONGODB_URI may be set to an empty value; empty means the embedded default
			registry.add("marquee.embedded.persistent", () -> "false");
			return;
		}
		registry.add("MONGODB_URI", () -> uri);
		registry.add("spring.mongodb.uri", () -> uri);
		registry.add("spring.mongodb.database", () -> DATABASE);
	}

	/** The run's real MongoDB (not the embedded kind) with another database: for more app nodes. */
	static String uri(String database) {
		if (kind() == Kind.EMBEDDED) {
			throw new IllegalStateException("The embedded backend has no URI; start a server.");
		}
		return withDatabase(uri, database);
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/** The URI with its path (the database) replaced, options kept. */
	static String withDatabase(String raw, String database) {
		ConnectionString parsed = new ConnectionString(raw);
		String scheme = raw.startsWith("mongodb+srv://") ? "mongodb+srv://" : "mongodb://";
		String rest = raw.substring(scheme.length());
		int slash = rest.indexOf('/');
		int query = rest.indexOf('?');
		String hosts = (slash >= 0) ? rest.substring(0, slash) : (query >= 0 ? rest.substring(0, query) : rest);
		String options = (query >= 0) ? rest.substring(query) : "";
		if (parsed.getCredential() != null && parsed.getCredential().getSource() != null
				&& !options.contains("authSource")) {
			// keep authenticating where the original URI did (its database), not in the test database
			options = (options.isEmpty() ? "?" : options + "&") + "authSource=" + parsed.getCredential().getSource();
		}
		return scheme + hosts + "/" + database + options;
	}

}
