package dev.marquee.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code VTIMEZONE} components (RFC 5545 section 3.6.5) generated from java.time's {@link ZoneRules}:
 * for the years a feed covers, every offset change as a {@code STANDARD} or {@code DAYLIGHT} observance
 * ({@code TZOFFSETFROM}, {@code TZOFFSETTO}, {@code DTSTART} the local onset before the change), those
 * with the same kind and offsets as one component whose later onsets are {@code RDATE}s. Explicit onsets
 * rather than an {@code RRULE}: they are exact for zones whose rules changed within the years covered,
 * and the observance in force when the covered time starts is always included.
 */
final class TimeZones {

	/** Onset of an observance for zones that never change in the years covered. */
	private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

	private TimeZones() {
	}

	/** Writes the zone's {@code VTIMEZONE} covering every instant in {@code [from, to]}. */
	static void write(ZoneId zone, Instant from, Instant to, ContentLines out) {
		ZoneRules rules = zone.getRules();
		Map<Observance, List<LocalDateTime>> onsets = new LinkedHashMap<>();
		ZoneOffsetTransition inForce = rules.previousTransition(from.plusSeconds(1));
		if (inForce == null) {
			ZoneOffset offset = rules.getOffset(from);
			onsets.put(new Observance(rules.isDaylightSavings(from), offset, offset), new ArrayList<>(List.of(EPOCH)));
		}
		for (ZoneOffsetTransition t = inForce; t != null && !t.getInstant().isAfter(to); t = rules
			.nextTransition(t.getInstant())) {
			Observance observance = new Observance(rules.isDaylightSavings(t.getInstant()), t.getOffsetBefore(),
					t.getOffsetAfter());
			onsets.computeIfAbsent(observance, (o) -> new ArrayList<>()).add(t.getDateTimeBefore());
		}
		out.raw("BEGIN", "VTIMEZONE").raw("TZID", zone.getId());
		onsets.forEach((observance, starts) -> {
			String kind = observance.daylight() ? "DAYLIGHT" : "STANDARD";
			out.raw("BEGIN", kind)
				.raw("DTSTART", ContentLines.local(starts.get(0)))
				.raw("TZOFFSETFROM", offset(observance.from()))
				.raw("TZOFFSETTO", offset(observance.to()));
			if (starts.size() > 1) {
				out.raw("RDATE", String.join(",", starts.subList(1, starts.size()).stream().map(ContentLines::local).toList()));
			}
			out.raw("END", kind);
		});
		out.raw("END", "VTIMEZONE");
	}

	/** {@code ±HHMM}, or {@code ±HHMMSS} for offsets with seconds (UTC-OFFSET, section 3.3.14). */
	static String offset(ZoneOffset offset) {
		int total = offset.getTotalSeconds();
		int abs = Math.abs(total);
		String text = "%s%02d%02d".formatted((total < 0) ? "-" : "+", abs / 3600, (abs / 60) % 60);
		return (abs % 60 != 0) ? text + "%02d".formatted(abs % 60) : text;
	}

	private record Observance(boolean daylight, ZoneOffset from, ZoneOffset to) {
	}

}
