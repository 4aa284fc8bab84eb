package dev.marquee.security;

import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Grants take effect on the next request, with the token the organizer already holds. */
class SeriesAccessIT extends IntegrationTest {

	@Test
	void anOrganizerWhoCreatesASeriesOrganizesItAtOnce() {
		HttpGraphQlTester olga = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga")));

		String seriesId = olga.documentName("createSeries")
			.variable("input", Map.of("slug", "summit", "name", "Summit"))
			.execute()
			.path("createSeries.series.id")
			.entity(String.class)
			.get();

		createEvent(olga, seriesId).path("createEvent.event.slug").entity(String.class).isEqualTo("summit-2028");
		olga.documentName("me").execute().path("me.series[*].slug").entityList(String.class).containsExactly("summit");
	}

	@Test
	void aGrantLetsAnOrganizerManageTheSeriesWithTheTokenItAlreadyHolds() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		Account olga = this.fixtures.organizer("olga");
		HttpGraphQlTester asOlga = graphQlAs(this.fixtures.token(olga));
		String seriesId = GlobalId.encode("EventSeries", expo.id());
		createEvent(asOlga, seriesId).path("createEvent.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");

		graphQlAs(this.fixtures.token(this.fixtures.admin("root"))).documentName("grantSeriesAccess")
			.variable("accountId", GlobalId.encode("Account", olga.id()))
			.variable("seriesId", seriesId)
			.execute()
			.path("grantSeriesAccess.account.series[*].slug")
			.entityList(String.class)
			.containsExactly("expo");

		createEvent(asOlga, seriesId).path("createEvent.event.slug").entity(String.class).isEqualTo("summit-2028");
	}

	@Test
	void grantingAnUnknownAccountOrSeriesIsNotFoundAtTheField() {
		HttpGraphQlTester admin = graphQlAs(this.fixtures.token(this.fixtures.admin("root")));

		GraphQlTester.Response response = admin.documentName("grantSeriesAccess")
			.variable("accountId", GlobalId.encode("Account", new ObjectId()))
			.variable("seriesId", GlobalId.encode("EventSeries", new ObjectId()))
			.execute();

		response.path("grantSeriesAccess.errors[*].code").entityList(String.class).containsExactly("NOT_FOUND",
				"NOT_FOUND");
		response.path("grantSeriesAccess.errors[*].field").entityList(Object.class).satisfies(
				(fields) -> assertThat(fields).containsExactly(List.of("accountId"), List.of("seriesId")));
		admin.documentName("disableAccount")
			.variable("accountId", GlobalId.encode("Account", new ObjectId()))
			.execute()
			.path("disableAccount.errors[0].field")
			.entityList(String.class)
			.containsExactly("accountId");
		admin.documentName("createPerson")
			.variable("input", Map.of("name", "Ada", "companySlug", "nobody"))
			.execute()
			.path("createPerson.errors[0].field")
			.entityList(String.class)
			.containsExactly("input", "companySlug");
	}

	private static GraphQlTester.Response createEvent(HttpGraphQlTester organizer, String seriesId) {
		return organizer.documentName("createEvent")
			.variable("input", Map.of("seriesId", seriesId, "slug", "summit-2028", "name", "Summit 2028", "startsAt",
					"2028-06-01T09:00:00-07:00", "endsAt", "2028-06-01T17:00:00-07:00", "timeZone",
					"America/Los_Angeles"))
			.execute();
	}

}
