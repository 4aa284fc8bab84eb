package dev.marquee.support;

import java.util.Optional;

import dev.marquee.node.NodeLookup;
import org.bson.types.ObjectId;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Beans the integration suite adds to the application: a MongoDB command counter on the
 * application's client, a count of the documents graphql-java parsed and validated, and a
 * {@code node(id)} lookup for the test-only type {@value #FAULTY_TYPE} that fails with a secret message,
 * to provoke an unexpected fault through the real resolver chain.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

	public static final String FAULTY_TYPE = "FaultyForTests";

	public static final String SECRET = "s3cret-connection-string-of-the-billing-db";

	@Bean
	MongoCommandCounter mongoCommandCounter() {
		return new MongoCommandCounter();
	}

	@Bean
	MongoClientSettingsBuilderCustomizer countMongoCommands(MongoCommandCounter counter) {
		return (settings) -> settings.addCommandListener(counter);
	}

	@Bean
	ParseCounter parseCounter() {
		return new ParseCounter();
	}

	@Bean
	NodeLookup faultyNodeLookup() {
		return new NodeLookup() {
			@Override
			public String type() {
				return FAULTY_TYPE;
			}

			@Override
			public Optional<?> findNode(ObjectId id, dev.marquee.security.Viewer viewer) {
				throw new IllegalStateException("Cannot reach " + SECRET);
			}
		};
	}

}
