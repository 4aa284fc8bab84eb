package dev.marquee.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * An edition's sessions and sponsorships are found by their {@code eventId} through an index, not
 * through lists on the event document: the event document carries none, a child is shown whatever an
 * old list on its edition says, and the lists earlier versions kept are unset at start-up.
 */
class EditionChildrenIT extends IntegrationTest {

	@Autowired
	private RetiredChildLists retiredChildLists;

	private Event expo2026;

	@BeforeEach
	void anEditionWithASessionAndASponsor() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		this.expo2026 = this.fixtures.event(expo, "expo-2026").create();
		this.fixtures.session(this.expo2026, "Keynote").create();
		this.fixtures.sponsor(this.expo2026, this.fixtures.company("acme", "Acme"), SponsorTier.GOLD);
	}

	@Test
	void addingChildrenLeavesTheEventDocumentWithoutChildLists() {
		Document event = eventDocument();

		assertThat(event).doesNotContainKeys("sessionIds", "sponsorshipIds");
	}

	@Test
	void childrenShowOnTheirEditionsPageWhateverAnOldListOnTheEditionSays() {
		this.mongo.getCollection("events")
			.updateOne(new Document("_id", this.expo2026.id()), new Document("$set",
					new Document("sessionIds", List.of()).append("sponsorshipIds", List.of(new ObjectId()))));

		GraphQlTester.Response page = eventParts();

		page.path("event.sessions.nodes[*].title").entityList(String.class).containsExactly("Keynote");
		page.path("event.sponsorships[*].company.slug").entityList(String.class).containsExactly("acme");
	}

	@Test
	void startUpUnsetsTheChildListsOfEarlierVersionsAndForgetsTheirPendingWritesOnce() {
		this.mongo.getCollection("events")
			.updateOne(new Document("_id", this.expo2026.id()), new Document("$set",
					new Document("sessionIds", List.of(new ObjectId())).append("sponsorshipIds", List.of())));
		intent("event-children", this.expo2026.id());
		intent("company-tree", new ObjectId());

		this.retiredChildLists.afterPropertiesSet();
		this.retiredChildLists.afterPropertiesSet();

		assertThat(eventDocument()).doesNotContainKeys("sessionIds", "sponsorshipIds")
			.containsEntry("slug", "expo-2026");
		assertThat(this.mongo.getCollection("pending_writes").distinct("kind", String.class).into(new ArrayList<>()))
			.containsExactly("company-tree");
		eventParts().path("event.sessions.nodes[*].title").entityList(String.class).containsExactly("Keynote");
	}

	@Test
	void theChildReadsOfTheEventPageHaveIndexesLedByEventId() {
		assertThat(indexKeys("sessions")).contains(new Document("eventId", 1).append("sortAt", 1).append("_id", 1));
		assertThat(indexKeys("sponsorships"))
			.contains(new Document("eventId", 1).append("tierRank", 1).append("companyId", 1));
	}

	private GraphQlTester.Response eventParts() {
		return this.graphQl.documentName("eventParts").variable("slug", "expo-2026").variable("series", "expo").execute();
	}

	private Document eventDocument() {
		return this.mongo.getCollection("events").find(new Document("_id", this.expo2026.id())).first();
	}

	private List<Document> indexKeys(String collection) {
		List<Document> keys = new ArrayList<>();
		this.mongo.getCollection(collection).listIndexes().forEach((index) -> keys.add(index.get("key", Document.class)));
		return keys;
	}

	private void intent(String kind, ObjectId target) {
		this.mongo.getCollection("pending_writes")
			.insertOne(new Document("_id", new ObjectId()).append("kind", kind).append("target", target)
				.append("at", Instant.now()));
	}

}
