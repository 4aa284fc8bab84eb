package dev.marquee.audit;

import java.util.List;
import java.util.Map;

import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Who changed what, when, from which version to which: admins page through it; nobody else reads it. */
class AuditLogIT extends IntegrationTest {

	@Test
	void adminsReadEveryChangeNewestFirstPageByPageAndBySeries() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		HttpGraphQlTester olga = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", expo)));
		HttpGraphQlTester admin = graphQlAs(this.fixtures.token(this.fixtures.admin("root")));
		olga.documentName("createCompany")
			.variable("input", Map.of("slug", "acme", "name", "Acme", "kind", "STUDIO"))
			.execute()
			.path("createCompany.errors")
			.entityList(Object.class)
			.hasSize(0);
		String eventId = olga.documentName("createEvent")
			.variable("input", Map.of("seriesId", GlobalId.encode("EventSeries", expo.id()), "slug", "expo-2028", "name",
					"Expo 2028", "startsAt", "2028-06-01T09:00:00-07:00", "endsAt", "2028-06-01T17:00:00-07:00",
					"timeZone", "America/Los_Angeles"))
			.execute()
			.path("createEvent.event.id")
			.entity(String.class)
			.get();
		olga.documentName("updateEvent")
			.variable("input", Map.of("id", eventId, "expectedVersion", 1, "name", "Expo 2028!"))
			.execute()
			.path("updateEvent.errors")
			.entityList(Object.class)
			.hasSize(0);
		olga.documentName("publishEvent").variable("id", eventId).execute().path("publishEvent.errors")
			.entityList(Object.class)
			.hasSize(0);

		GraphQlTester.Response firstPage = admin.documentName("auditLog").variable("first", 2).execute();
		firstPage.path("auditLog.totalCount").entity(Integer.class).isEqualTo(4);
		firstPage.path("auditLog.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		firstPage.path("auditLog.nodes[*].action").entityList(String.class).containsExactly("publishEvent", "updateEvent");
		firstPage.path("auditLog.nodes[0]").entity(Map.class).satisfies((entry) -> {
			assertThat(entry).containsEntry("actor", "olga")
				.containsEntry("objectType", "Event")
				.containsEntry("objectId", eventId)
				.containsEntry("series", Map.of("slug", "expo"))
				.containsEntry("versionBefore", 2)
				.containsEntry("versionAfter", 3);
			assertThat((String) entry.get("summary")).contains("DRAFT").contains("PUBLISHED");
			assertThat((String) entry.get("at")).isNotBlank();
		});
		firstPage.path("auditLog.nodes[1]").entity(Map.class).satisfies((entry) -> {
			assertThat(entry).containsEntry("versionBefore", 1).containsEntry("versionAfter", 2);
			assertThat((String) entry.get("summary")).contains("name");
		});
		String cursor = firstPage.path("auditLog.pageInfo.endCursor").entity(String.class).get();
		admin.documentName("auditLog")
			.variable("first", 2)
			.variable("after", cursor)
			.execute()
			.path("auditLog.nodes[*].action")
			.entityList(String.class)
			.containsExactly("createEvent", "createCompany");
		admin.documentName("auditLog")
			.variable("seriesSlug", "expo")
			.execute()
			.path("auditLog.nodes[*].action")
			.entityList(String.class)
			.containsExactly("publishEvent", "updateEvent", "createEvent");
	}

	@Test
	void organizersAndAnonymousCallersAreForbiddenToReadTheAuditLog() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		Event event = this.fixtures.event(expo, "expo-2026").create();
		HttpGraphQlTester olga = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", expo)));
		olga.documentName("recordReportedAttendance")
			.variable("eventId", GlobalId.encode("Event", event.id()))
			.variable("count", 10)
			.execute()
			.path("recordReportedAttendance.errors")
			.entityList(Object.class)
			.hasSize(0);

		for (HttpGraphQlTester caller : List.of(olga, this.graphQl)) {
			GraphQlTester.Response response = caller.documentName("auditLog").variable("seriesSlug", "expo").execute();
			assertOnlyError(response, "FORBIDDEN", "admin");
			response.path("auditLog").pathDoesNotExist();
		}
	}

}
