package dev.marquee.sponsorship;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A company sponsoring an edition at a tier. Carries copies of the edition's series, year, start and
 * draft flag, of the company's corporate group, and the tier's rank (0 = TITLE), so that retention,
 * "sponsorships of a company" and sponsor rankings are single indexed reads or one aggregation; unique
 * per (event, company). {@code groupMonth} ({@link #groupMonth}) buckets a group's sponsorships by the
 * month their edition starts, so the newest of a whole group are read a few months at a time.
 */
@Document("sponsorships")
public record Sponsorship(@Id ObjectId id, ObjectId eventId, ObjectId companyId, SponsorTier tier, ObjectId seriesId,
		int year, Instant eventStartsAt, boolean draft, ObjectId groupId, int tierRank, String groupMonth)
		implements HasId {

	public static final String COLLECTION = "sponsorships";

	/** A new sponsorship with its derived fields (tier rank, group month), not yet written. */
	public static Sponsorship of(ObjectId id, ObjectId eventId, ObjectId companyId, SponsorTier tier,
			ObjectId seriesId, int year, Instant eventStartsAt, boolean draft, ObjectId groupId) {
		return new Sponsorship(id, eventId, companyId, tier, seriesId, year, eventStartsAt, draft, groupId,
				tier.ordinal(), groupMonth(groupId, eventStartsAt));
	}

	/** The bucket key of a group's sponsorships: the group's id and the UTC month the edition starts, {@code <hex>:2026-05}. */
	public static String groupMonth(ObjectId groupId, Instant eventStartsAt) {
		return groupMonth(groupId, YearMonth.from(eventStartsAt.atZone(ZoneOffset.UTC)));
	}

	static String groupMonth(ObjectId groupId, YearMonth month) {
		return groupId.toHexString() + ":" + month;
	}

}
