package dev.marquee.program;

import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.storage.DataUpgrades;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;

/**
 * Sessions written before sessions had a {@code version}, an {@code updatedAt}, a description, a room or a
 * source (every database and benchmark hub from before the program import) still read everywhere: as
 * version 0 (given once at start-up by {@link SessionVersions}), last modified when they were created.
 */
class SessionsBeforeTheirVersionIT extends IntegrationTest {

	@Autowired
	private SessionVersions sessionVersions;

	@Test
	void aSessionWithoutTheProgramFieldsGetsVersionZeroAtStartUpAndReadsOnTheEventPageAndInTheCalendar() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		Event expo2026 = this.fixtures.event(expo, "expo-2026").create();
		Session keynote = this.fixtures.session(expo2026, "Keynote").at(60).create();
		this.mongo.getCollection(Session.COLLECTION)
			.updateOne(new Document("_id", keynote.id()), new Document("$unset", new Document("version", "")
				.append("updatedAt", "").append("description", "").append("room", "").append("source", "")
				.append("sourceKey", "")));
		// as a start on a database from before: no marker yet
		this.mongo.getCollection(DataUpgrades.COLLECTION).deleteMany(new Document());
		this.sessionVersions.afterPropertiesSet();

		GraphQlTester.Response page = this.graphQl
			.document("{ event(slug: \"expo-2026\") { sessions(first: 10) { nodes { title description room } } } }")
			.execute();

		page.path("event.sessions.nodes[*].title").entityList(String.class).containsExactly("Keynote");
		page.path("event.sessions.nodes[0].description").valueIsNull();
		String feed = this.http.get()
			.uri("/api/events/expo-2026/calendar.ics")
			.accept(MediaType.parseMediaType("text/calendar"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(feed).contains("SUMMARY:Keynote").contains("SEQUENCE:0");
		assertThat(feed).contains("UID:session-" + keynote.id().toHexString() + "@");
	}

}
