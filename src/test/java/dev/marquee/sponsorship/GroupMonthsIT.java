package dev.marquee.sponsorship;

import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.storage.DataUpgrades;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/** Sponsorships written before {@code groupMonth} existed get it at start-up, and the group page finds them. */
class GroupMonthsIT extends IntegrationTest {

	@Autowired
	private GroupMonths groupMonths;

	@Test
	void sponsorshipsWithoutAGroupMonthGetItOnceAndAreFoundByTheGroupPage() {
		Company top = this.fixtures.company("conglo", "Conglo", CompanyKind.CONGLOMERATE);
		EventSeries series = this.fixtures.series("s", "S");
		for (int i = 0; i < 3; i++) {
			Event event = this.fixtures.event(series, "s-202" + i).startsAt("202" + i + "-05-01T09:00:00-07:00").create();
			this.fixtures.sponsor(event, this.fixtures.subsidiary(top, "unit-" + i, "Unit " + i), SponsorTier.GOLD);
		}
		// as an earlier version wrote them
		this.mongo.updateMulti(new Query(), new Update().unset("groupMonth"), Sponsorship.class);
		this.mongo.getCollection(DataUpgrades.COLLECTION).deleteMany(new Document());

		this.groupMonths.afterPropertiesSet();

		assertThat(this.mongo.findAll(Sponsorship.class)).extracting(Sponsorship::groupMonth)
			.containsExactlyInAnyOrder(top.id().toHexString() + ":2020-05", top.id().toHexString() + ":2021-05",
					top.id().toHexString() + ":2022-05");
		assertThat(this.mongo.getCollection(DataUpgrades.COLLECTION).countDocuments()).isEqualTo(1);
		this.graphQl.document("{ company(slug: \"conglo\") { sponsorships(includeSubsidiaries: true) { company { slug } } } }")
			.execute()
			.path("company.sponsorships[*].company.slug")
			.entityList(String.class)
			.containsExactly("unit-2", "unit-1", "unit-0");

		// marked done: a later start changes nothing
		this.mongo.updateMulti(new Query(), new Update().unset("groupMonth"), Sponsorship.class);
		this.groupMonths.afterPropertiesSet();
		assertThat(this.mongo.findAll(Sponsorship.class)).extracting(Sponsorship::groupMonth).containsOnlyNulls();
	}

}
