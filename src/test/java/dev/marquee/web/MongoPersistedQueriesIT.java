package dev.marquee.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.marquee.graphql.PersistedQueriesProperties;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store of persisted queries stays within its bound whatever is registered, removing the least recently
 * used first; touching a document keeps it.
 */
class MongoPersistedQueriesIT extends IntegrationTest {

	private final AtomicLong seconds = new AtomicLong(1_000_000);

	private final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochSecond(MongoPersistedQueriesIT.this.seconds.incrementAndGet());
		}
	};

	@Test
	void aFloodOfRegistrationsKeepsTheStoreAtItsBoundAndTheMostRecentlyUsed() {
		MongoPersistedQueries store = new MongoPersistedQueries(this.mongo,
				new PersistedQueriesProperties(5, DataSize.ofKilobytes(16)), Optional.of(this.clock));
		store.register("keep", "{ kept }");
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String hash = "flood-" + i;
			hashes.add(hash);
			store.register(hash, "{ flood" + i + " }");
			store.touch("keep");
			assertThat(this.mongo.getCollection(MongoPersistedQueries.COLLECTION).countDocuments()).isLessThanOrEqualTo(5);
		}

		assertThat(store.find("keep")).as("used all along").isEqualTo("{ kept }");
		assertThat(store.find("flood-39")).isEqualTo("{ flood39 }");
		assertThat(store.find("flood-0")).as("least recently used").isNull();
		List<Object> left = new ArrayList<>();
		this.mongo.getCollection(MongoPersistedQueries.COLLECTION).find().map((d) -> d.get("_id")).into(left);
		assertThat(left).containsExactlyInAnyOrder("keep", "flood-36", "flood-37", "flood-38", "flood-39");
	}

	@Test
	void registeringAKnownDocumentAgainAddsNothingAndKeepsItsText() {
		MongoPersistedQueries store = new MongoPersistedQueries(this.mongo,
				new PersistedQueriesProperties(5, DataSize.ofKilobytes(16)), Optional.of(this.clock));
		store.register("h", "{ a }");
		store.register("h", "{ b }");
		assertThat(this.mongo.getCollection(MongoPersistedQueries.COLLECTION).countDocuments(new Document("_id", "h")))
			.isEqualTo(1);
		assertThat(store.find("h")).isEqualTo("{ a }");
		assertThat(store.find("unknown")).isNull();
	}

}
