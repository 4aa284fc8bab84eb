package dev.marquee.storage;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import dev.marquee.program.Person;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;

/** A database written by an earlier version starts with the indexes this version relies on. */
class LegacyIndexesIT extends IntegrationTest {

	@Autowired
	Indexes indexes;

	@Test
	void theGlobalEmailIndexOfEarlierVersionsIsDroppedSoTwoSeriesMayHoldTheSameEmail() {
		MongoCollection<Document> people = this.mongo.getCollection(Person.COLLECTION);
		people.createIndex(new Document("emailKey", 1), new IndexOptions().unique(true).sparse(true));

		this.indexes.afterPropertiesSet();

		List<String> names = new ArrayList<>();
		people.listIndexes().forEach((index) -> names.add(index.getString("name")));
		assertThat(names).doesNotContain("emailKey_1").contains("seriesEmailKey_1");
		this.mongo.insert(Person.of(new ObjectId(), "Ann A", null, null, "ann@example.org", new ObjectId(), true));
		this.mongo.insert(Person.of(new ObjectId(), "Ann B", null, null, "ann@example.org", new ObjectId(), true));
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), Person.class)).isEqualTo(2);
	}

}
