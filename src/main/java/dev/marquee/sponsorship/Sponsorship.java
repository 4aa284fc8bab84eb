package dev.marquee.sponsorship;

import java.time.Instant;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A company sponsoring an edition at a tier. Carries copies of the edition's series, year, start and
 * draft flag so that retention and "sponsorships of a company" are single indexed reads; unique per
 * (event, company).
 */
@Document("sponsorships")
public record Sponsorship(@Id ObjectId id, ObjectId eventId, ObjectId companyId, SponsorTier tier, ObjectId seriesId,
		int year, Instant eventStartsAt, boolean draft) implements HasId {

	public static final String COLLECTION = "sponsorships";

}
