package dev.marquee.webhooks;

import java.util.List;
import java.util.Map;

import dev.marquee.audit.AuditEntry;
import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Who may manage a series' webhooks, and where they may point, with the defaults: https only and no
 * private targets ({@code marquee.webhooks.allow-private-targets=false}). The public target is an IP
 * literal, so no test depends on DNS.
 */
class WebhookAccessIT extends IntegrationTest {

	private static final String PUBLIC_TARGET = "https://93.184.216.34/marquee-hook";

	private EventSeries expo;

	private HttpGraphQlTester olga;

	@BeforeEach
	void seriesAndItsOrganizer() {
		this.expo = this.fixtures.series("expo", "Expo");
		this.olga = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", this.expo)));
	}

	@Test
	void anOrganizerCreatesAWebhookAndSeesItsSecretOnlyOnce() {
		GraphQlTester.Response created = create(this.olga, PUBLIC_TARGET, List.of("CHECKED_IN", "REGISTRATION_CREATED"));
		created.path("createWebhook.errors").entityList(Object.class).hasSize(0);
		created.path("createWebhook.webhook.url").entity(String.class).isEqualTo(PUBLIC_TARGET);
		created.path("createWebhook.webhook.events").entityList(String.class)
			.containsExactly("CHECKED_IN", "REGISTRATION_CREATED");
		created.path("createWebhook.webhook.series.slug").entity(String.class).isEqualTo("expo");
		String secret = created.path("createWebhook.secret").entity(String.class).get();
		assertThat(secret).startsWith("whsec_");
		String id = created.path("createWebhook.webhook.id").entity(String.class).get();

		GraphQlTester.Response listed = this.olga.documentName("seriesWebhooks").variable("slug", "expo").execute();
		listed.path("series.webhooks[*].id").entityList(String.class).containsExactly(id);
		listed.path("series.webhooks[0].deliveries.totalCount").entity(Integer.class).isEqualTo(0);
		assertThat(this.mongo.getCollection(AuditEntry.COLLECTION).find(new Document("action", "createWebhook")))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.toJson()).doesNotContain(secret.substring(6))
				.doesNotContain("marquee-hook"));
	}

	@Test
	void deletingAWebhookDeactivatesItAndTakesItOffTheList() {
		String id = create(this.olga, PUBLIC_TARGET, List.of("CHECKED_IN")).path("createWebhook.webhook.id")
			.entity(String.class)
			.get();
		GraphQlTester.Response deleted = this.olga.documentName("deleteWebhook").variable("id", id).execute();
		deleted.path("deleteWebhook.errors").entityList(Object.class).hasSize(0);
		deleted.path("deleteWebhook.webhook.active").entity(Boolean.class).isEqualTo(false);
		deleted.path("deleteWebhook.secret").valueIsNull();
		this.olga.documentName("seriesWebhooks").variable("slug", "expo").execute()
			.path("series.webhooks").entityList(Object.class).hasSize(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/hook", "https://10.0.0.7/hook", "https://169.254.169.254/latest/meta-data",
			"https://[::1]/hook", "https://localhost/hook", "https://100.64.1.1/hook", "https://[fd00::1]/hook" })
	void targetsOnLoopbackPrivateOrLinkLocalAddressesAreRefusedAndNothingIsWritten(String url) {
		GraphQlTester.Response refused = create(this.olga, url, List.of("CHECKED_IN"));
		refused.path("createWebhook.webhook").valueIsNull();
		refused.path("createWebhook.secret").valueIsNull();
		refused.path("createWebhook.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		refused.path("createWebhook.errors[0].field").entityList(String.class).containsExactly("input", "url");
		refused.path("createWebhook.errors[0].message").entity(String.class)
			.satisfies((message) -> assertThat(message).contains("public addresses"));
		assertThat(this.mongo.getCollection(Webhook.COLLECTION).countDocuments()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://93.184.216.34/hook", "https://user:secret@93.184.216.34/hook" })
	void plainHttpAndUserInfoAreRefused(String url) {
		GraphQlTester.Response refused = create(this.olga, url, List.of("CHECKED_IN"));
		refused.path("createWebhook.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		refused.path("createWebhook.errors[0].field").entityList(String.class).containsExactly("input", "url");
		assertThat(this.mongo.getCollection(Webhook.COLLECTION).countDocuments()).isZero();
	}

	@Test
	void noEventTypesIsRefused() {
		create(this.olga, PUBLIC_TARGET, List.of()).path("createWebhook.errors[0].field")
			.entityList(String.class)
			.containsExactly("input", "events");
		assertThat(this.mongo.getCollection(Webhook.COLLECTION).countDocuments()).isZero();
	}

	@Test
	void anonymousCallersAndOrganizersOfAnotherSeriesAreForbidden() {
		EventSeries other = this.fixtures.series("other", "Other");
		HttpGraphQlTester oscar = graphQlAs(this.fixtures.token(this.fixtures.organizer("oscar", other)));
		create(this.graphQl, PUBLIC_TARGET, List.of("CHECKED_IN")).path("createWebhook.errors[0].code")
			.entity(String.class)
			.isEqualTo("FORBIDDEN");
		create(oscar, PUBLIC_TARGET, List.of("CHECKED_IN")).path("createWebhook.errors[0].code")
			.entity(String.class)
			.isEqualTo("FORBIDDEN");
		assertThat(this.mongo.getCollection(Webhook.COLLECTION).countDocuments()).isZero();

		String id = create(this.olga, PUBLIC_TARGET, List.of("CHECKED_IN")).path("createWebhook.webhook.id")
			.entity(String.class)
			.get();
		oscar.documentName("deleteWebhook").variable("id", id).execute()
			.path("deleteWebhook.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
		GraphQlTester.Response theirs = oscar.documentName("seriesWebhooks").variable("slug", "expo").execute();
		assertOnlyError(theirs, "FORBIDDEN", "organizers of the series");
		theirs.path("series.webhooks").valueIsNull();
		GraphQlTester.Response anonymous = this.graphQl.documentName("seriesWebhooks").variable("slug", "expo").execute();
		assertOnlyError(anonymous, "FORBIDDEN", "organizers of the series");
		anonymous.path("series.webhooks").valueIsNull();
		oscar.documentName("node").variable("id", id).execute().path("node").valueIsNull();
		assertThat(this.mongo.getCollection(Webhook.COLLECTION).find(new Document("active", true))).hasSize(1);
	}

	@Test
	void anAdminManagesTheWebhooksOfEverySeries() {
		HttpGraphQlTester admin = graphQlAs(this.fixtures.token(this.fixtures.admin("root")));
		create(admin, PUBLIC_TARGET, List.of("EVENT_CHANGED")).path("createWebhook.errors").entityList(Object.class)
			.hasSize(0);
		admin.documentName("seriesWebhooks").variable("slug", "expo").execute()
			.path("series.webhooks[*].events").entityList(Object.class).hasSize(1);
	}

	private GraphQlTester.Response create(HttpGraphQlTester caller, String url, List<String> events) {
		return caller.documentName("createWebhook")
			.variable("input", Map.of("seriesId", GlobalId.encode("EventSeries", this.expo.id()), "url", url, "events", events))
			.execute();
	}

}
