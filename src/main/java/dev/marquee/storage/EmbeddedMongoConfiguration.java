package dev.marquee.storage;

import java.io.IOException;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import dev.marquee.storage.embedded.IndexedH2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no MongoDB URI configured, an in-process MongoDB-compatible server
 * (mongo-java-server) is started on loopback and the whole application is pointed at it. Its H2 backend
 * is extended with the non-unique indexes the server itself ignores ({@code storage.embedded}), so
 * queries narrow by index on the embedded default as they do on MongoDB; in memory (tests) it is the
 * same backend on a memory-only store.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriCondition.class)
class EmbeddedMongoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

	@Bean(destroyMethod = "shutdown")
	MongoServer embeddedMongoServer(StorageProperties properties) throws IOException {
		MongoBackend backend;
		if (properties.embedded().persistent()) {
			Path dir = properties.dataDir().toAbsolutePath().normalize();
			backend = IndexedH2Backend.inDirectory(dir, properties.embedded().cacheMb(),
					properties.embedded().durability());
			log.info("Embedded MongoDB-compatible server storing its data in {} ({} MB page cache, durability {})",
					dir.resolve(IndexedH2Backend.FILE_NAME), properties.embedded().cacheMb(),
					properties.embedded().durability());
		}
		else {
			backend = IndexedH2Backend.inMemoryStore();
			log.info("Embedded MongoDB-compatible server keeping its data in memory");
		}
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", 0);
		return server;
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer,
			StorageProperties properties) {
		var address = embeddedMongoServer.getLocalAddress();
		var uri = new ConnectionString("mongodb://127.0.0.1:%d/%s".formatted(address.getPort(),
				properties.embedded().database()));
		return () -> uri;
	}

}
