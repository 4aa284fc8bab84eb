package dev.marquee.calendar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The iCalendar feeds ({@code /api/events/{slug}/calendar.ics}, {@code /api/series/{slug}/calendar.ics}).
 *
 * @param uidDomain the right-hand side of every UID ({@code session-<id>@<uidDomain>}): keep it fixed
 *     for a deployment, or subscribers see every event as new
 * @param publicUrl base URL readers reach the hub at (e.g. {@code https://hub.example.org}); blank: the
 *     request's own base URL, which comes from its {@code Host} header (set it in production)
 * @param eventUrl the {@code URL} of an edition and its sessions, {@code {slug}} replaced by the
 *     edition's slug; a relative one is resolved against the public URL
 * @param maxSessions most sessions in an edition's feed (the earliest); a programme has tens to hundreds
 * @param maxEditions most editions in a series' feed (the newest)
 * @param maxAge how long anonymous feeds may be cached ({@code Cache-Control: public, max-age})
 */
@ConfigurationProperties("marquee.calendar")
public record CalendarProperties(@DefaultValue("marquee.invalid") String uidDomain, @DefaultValue("") String publicUrl,
		@DefaultValue("/events/{slug}") String eventUrl, @DefaultValue("2000") int maxSessions,
		@DefaultValue("200") int maxEditions, @DefaultValue("5m") Duration maxAge) {

	public CalendarProperties {
		if (maxSessions < 1 || maxEditions < 1) {
			throw new IllegalArgumentException("marquee.calendar.max-sessions and max-editions must be at least 1");
		}
		if (uidDomain == null || uidDomain.isBlank() || !uidDomain.matches("[A-Za-z0-9.-]+")) {
			throw new IllegalArgumentException(
					"marquee.calendar.uid-domain must be a host name (letters, digits, dots, hyphens), was: " + uidDomain);
		}
		if (publicUrl != null && !publicUrl.isBlank() && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
			throw new IllegalArgumentException(
					"marquee.calendar.public-url must be an http(s) URL without query or fragment, was: " + publicUrl);
		}
	}

}
