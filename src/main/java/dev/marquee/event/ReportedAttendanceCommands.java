package dev.marquee.event;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.graphql.Checks;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.Viewer;

import org.bson.Document;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The headcount an organizer announces for an edition ({@code recordReportedAttendance}): kept on the
 * event's embedded attendance, next to the counters registrations move, as a versioned change of the
 * event.
 */
@Service
class ReportedAttendanceCommands {

	private final EventService events;

	private final EventChanges changes;

	private final AuditLog audit;

	ReportedAttendanceCommands(EventService events, EventChanges changes, AuditLog audit) {
		this.events = events;
		this.changes = changes;
		this.audit = audit;
	}

	Outcome<Event> record(Viewer viewer, String eventId, int count, String source) {
		Outcome<Event> found = this.events.forOrganizer(viewer, eventId, "eventId");
		if (!found.isOk()) {
			return found;
		}
		Checks checks = new Checks().optionalText(source, 500, "source");
		checks.require(count >= 0, UserErrorCode.INVALID_INPUT, "The count cannot be negative.", "count");
		if (checks.failed()) {
			return checks.outcome();
		}
		Event current = found.value();
		Outcome<Event> changed = this.changes.apply(current,
				new Update().set("attendance.reported", count).set("attendance.reportedSource", source).inc("version", 1),
				ChangeKind.ATTENDANCE, new Document("reported", count));
		if (changed.isOk()) {
			this.audit.record(viewer, "recordReportedAttendance", "Event", current.id(), current.seriesId(),
					current.version(), changed.value().version(),
					"reported " + count + ((source != null) ? " (" + source + ")" : ""));
		}
		return changed;
	}

}
