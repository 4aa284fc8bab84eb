package dev.marquee.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One {@code VEVENT} of a feed, as plain values: the feed's text is written from these alone, so their
 * digest is the feed's ETag. Either timed ({@code start}/{@code end} instants shown in {@code zone}) or
 * all-day ({@code firstDay}/{@code dayAfter}, the end exclusive as RFC 5545 has it).
 */
record FeedEntry(String uid, int sequence, Instant stamp, Instant start, Instant end, ZoneId zone,
		LocalDate firstDay, LocalDate dayAfter, String summary, String description, String location, String url,
		List<String> categories, String status, boolean transparent) {

	boolean allDay() {
		return this.firstDay != null;
	}

	void write(ContentLines out) {
		out.raw("BEGIN", "VEVENT").raw("UID", ContentLines.escape(this.uid)).utc("DTSTAMP", this.stamp);
		if (allDay()) {
			out.date("DTSTART", this.firstDay).date("DTEND", this.dayAfter);
		}
		else {
			out.local("DTSTART", this.zone.getId(), this.start.atZone(this.zone).toLocalDateTime());
			if (this.end != null) {
				out.local("DTEND", this.zone.getId(), this.end.atZone(this.zone).toLocalDateTime());
			}
		}
		out.raw("SEQUENCE", Integer.toString(this.sequence))
			.utc("LAST-MODIFIED", this.stamp)
			.text("SUMMARY", this.summary)
			.text("DESCRIPTION", this.description)
			.text("LOCATION", this.location)
			.texts("CATEGORIES", this.categories)
			.raw("STATUS", this.status);
		if (this.transparent) {
			out.raw("TRANSP", "TRANSPARENT");
		}
		if (this.url != null) {
			out.raw("URL", this.url);
		}
		out.raw("END", "VEVENT");
	}

}
