package dev.marquee.sponsorship;

import java.time.Instant;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A company sponsoring an edition at a tier. Carries copies of the edition's series, year, start and
 * draft flag, of the company's corporate group, and the tier's rank (0 = TITLE), so that retention,
 * "sponsorships of a company" and sponsor rankings are single indexed reads or one aggregation; unique
 * per (event, company).
 */
@Document("sponsorships")
public record Sponsorship(@Id ObjectId id, ObjectId eventId, ObjectId companyId, SponsorTier tier, ObjectId seriesId,
		int year, Instant eventStartsAt, boolean draft, ObjectId groupId, int tierRank) implements HasId {

	public static final String COLLECTION = "sponsorships";

}
