package dev.marquee.support;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.marquee.MarqueeApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two app nodes on one database, as two instances behind a load balancer share a replica set: the
 * application started twice in this JVM (two Spring contexts, each with its own Tomcat on a random
 * port, its own {@code MongoClient} and caches) with {@code MONGODB_URI} naming the same, fresh
 * database. That database is on the run's real MongoDB when {@code MONGODB_URI} is set or
 * Testcontainers runs (see {@code TestBackend}), else on a mongo-java-server (memory backend) that
 * this class starts on a free loopback port and stops on {@link #close()}.
 * <p>
 * Use it for what one node cannot show: state that must be shared (throttles, keys, caches), writes
 * racing from two processes. Start it once per test class ({@code @BeforeAll}) — two contexts take a
 * few seconds — and clean what a test wrote with {@link Node#mongo()}. Both nodes share the JWT keys
 * (they live in the database), so a token from one is good on the other.
 * <pre>
 * try (TwoNodes nodes = TwoNodes.start()) {
 *     nodes.a().graphQl().document(…).execute();
 *     nodes.b().http().post().uri("/auth/token")…;
 * }
 * </pre>
 */
public final class TwoNodes implements AutoCloseable {

	private final MongoServer server;

	private final Node a;

	private final Node b;

	private TwoNodes(MongoServer server, Node a, Node b) {
		this.server = server;
		this.a = a;
		this.b = b;
	}

	/** Two nodes with the default configuration (no demo data). */
	public static TwoNodes start(String... properties) {
		return start(null, properties);
	}

	/**
	 * Two nodes; {@code properties} ({@code name=value}) are given to both, and {@code clock}, when not
	 * null, is the {@link Clock} bean of both (the services that take an optional clock use it), so a
	 * test can move time forward on both nodes at once.
	 */
	public static TwoNodes start(Clock clock, String... properties) {
		return start(clock, List.of(properties), List.of(properties));
	}

	/**
	 * Two nodes configured differently, as during a rolling change of configuration: node A gets
	 * {@code propertiesOfA}, node B {@code propertiesOfB}; {@code clock} as above.
	 */
	public static TwoNodes start(Clock clock, List<String> propertiesOfA, List<String> propertiesOfB) {
		String database = "marquee_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		MongoServer server = null;
		String uri;
		if (TestBackend.kind() == TestBackend.Kind.EMBEDDED) {
			server = new MongoServer(new MemoryBackend());
			server.bind("127.0.0.1", 0);
			InetSocketAddress address = server.getLocalAddress();
			uri = "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
		}
		else {
			uri = TestBackend.uri(database);
		}
		List<ConfigurableApplicationContext> started = new ArrayList<>();
		try {
			started.add(node(uri, clock, propertiesOfA.toArray(String[]::new)));
			started.add(node(uri, clock, propertiesOfB.toArray(String[]::new)));
		}
		catch (RuntimeException | Error ex) {
			started.forEach(ConfigurableApplicationContext::close);
			if (server != null) {
				server.shutdownNow();
			}
			throw ex;
		}
		return new TwoNodes(server, new Node(started.get(0)), new Node(started.get(1)));
	}

	private static ConfigurableApplicationContext node(String uri, Clock clock, String... properties) {
		List<String> args = new ArrayList<>(List.of("--MONGODB_URI=" + uri, "--spring.mongodb.uri=",
				"--server.port=0", "--marquee.demo-data=never", "--marquee.pending-writes.sweep-interval=P1D"));
		for (String property : properties) {
			args.add("--" + property);
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(MarqueeApplication.class);
		if (clock != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock));
		}
		return builder.run(args.toArray(String[]::new));
	}

	/** The first node. */
	public Node a() {
		return this.a;
	}

	/** The second node. */
	public Node b() {
		return this.b;
	}

	@Override
	public void close() {
		try {
			this.a.context.close();
			this.b.context.close();
		}
		finally {
			if (this.server != null) {
				this.server.shutdownNow();
			}
		}
	}

	/** One running node: its HTTP port, clients speaking to it, its beans. */
	public static final class Node {

		private final ConfigurableApplicationContext context;

		private Node(ConfigurableApplicationContext context) {
			this.context = context;
		}

		public int port() {
			return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		}

		/** GraphQL at this node's {@code /graphql}; documents from {@code graphql-test/}. */
		public HttpGraphQlTester graphQl() {
			return IntegrationTest.graphQlAt(port());
		}

		/** Plain HTTP to this node's root. */
		public WebTestClient http() {
			return IntegrationTest.client("http://localhost:" + port());
		}

		/** Test data written through this node's services. */
		public Fixtures fixtures() {
			return new Fixtures(this.context);
		}

		/** This node's template on the shared database. */
		public MongoTemplate mongo() {
			return this.context.getBean(MongoTemplate.class);
		}

		public ConfigurableApplicationContext context() {
			return this.context;
		}

	}

}
