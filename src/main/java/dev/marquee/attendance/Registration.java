package dev.marquee.attendance;

import java.time.Instant;

import dev.marquee.event.Attendance;
import dev.marquee.event.AudienceSegment;
import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One person registered for one edition (unique per event and person), personal data visible only to
 * the organizers of the series. {@code seriesId}, {@code year} and {@code eventStartsAt} are copies of
 * the edition's, so history across a series is one indexed read; {@code companyId} is the company the
 * person came for (their affiliation when registered), which company attendance counts. Every write
 * that creates a registration or checks one in also increments the edition's {@link Attendance}
 * counters.
 */
@Document("registrations")
public record Registration(@Id ObjectId id, ObjectId eventId, ObjectId seriesId, int year, Instant eventStartsAt,
		ObjectId personId, ObjectId companyId, AudienceSegment segment, Instant registeredAt, Instant checkedInAt)
		implements HasId {

	public static final String COLLECTION = "registrations";

}
