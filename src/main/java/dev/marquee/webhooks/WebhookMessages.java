package dev.marquee.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.attendance.Registration;
import dev.marquee.changes.Change;
import dev.marquee.changes.ChangeKind;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import org.bson.types.ObjectId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The body of a delivery, Standard Webhooks style: {@code {"type", "timestamp", "data"}}, written once
 * when the delivery is created. {@code data} holds the change's seq and kind, the series and edition
 * (global IDs as the API answers them, the edition's slug, name and status), the changed object's ID
 * and what the change log recorded about it. For registrations and check-ins it adds the registration
 * and its person as an organizer of the series sees them: name, and email only when the person is held
 * by this same series. A webhook hears only of its own series' changes, so no other series' personal
 * data can be in it.
 */
@Component
class WebhookMessages {

	private static final JsonMapper JSON = new JsonMapper();

	private final MongoTemplate mongo;

	WebhookMessages(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** A delivery's body, and the person it names (null when none), whose erasure must reach it. */
	record Message(String body, ObjectId personId) {
	}

	Message body(Change change, WebhookEventType type) {
		ObjectId personId = null;
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("seq", change.seq());
		data.put("kind", change.kind().name());
		data.put("seriesId", GlobalId.encode("EventSeries", change.seriesId()));
		if (change.eventId() != null) {
			Event event = this.mongo.findById(change.eventId(), Event.class);
			Map<String, Object> edition = new LinkedHashMap<>();
			edition.put("id", GlobalId.encode("Event", change.eventId()));
			if (event != null) {
				edition.put("slug", event.slug());
				edition.put("name", event.name());
				edition.put("status", event.status().name());
			}
			data.put("event", edition);
		}
		if (change.subjectId() != null) {
			data.put("subjectId", GlobalId.encode(subjectType(change.kind()), change.subjectId()));
		}
		data.put("changes", plain(change.data()));
		if (type == WebhookEventType.REGISTRATION_CREATED || type == WebhookEventType.CHECKED_IN) {
			Registration registration = (change.subjectId() != null)
					? this.mongo.findById(change.subjectId(), Registration.class) : null;
			if (registration != null && change.seriesId().equals(registration.seriesId())) {
				data.put("registration", registration(registration));
				personId = registration.personId();
			}
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", type.type());
		message.put("timestamp", change.at().toString());
		message.put("data", data);
		return new Message(JSON.writeValueAsString(message), personId);
	}

	/**
	 * The body with its person erased: {@code data.registration.person.name} is {@link Person#ERASED_NAME}
	 * and {@code email} null, as a body created after the erasure has them. The same body when it names
	 * nobody or is erased already.
	 */
	static String erased(String body) {
		JsonNode message = JSON.readTree(body);
		if (!(message.at("/data/registration/person") instanceof ObjectNode person)) {
			return body;
		}
		person.put("name", Person.ERASED_NAME);
		person.putNull("email");
		return JSON.writeValueAsString(message);
	}

	private Map<String, Object> registration(Registration registration) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", GlobalId.encode("Registration", registration.id()));
		fields.put("segment", (registration.segment() != null) ? registration.segment().name() : null);
		fields.put("registeredAt", text(registration.registeredAt()));
		fields.put("checkedInAt", text(registration.checkedInAt()));
		Person person = this.mongo.findById(registration.personId(), Person.class);
		if (person != null) {
			Map<String, Object> who = new LinkedHashMap<>();
			who.put("id", GlobalId.encode("Person", person.id()));
			who.put("name", (person.erasedAt() != null) ? Person.ERASED_NAME : person.name());
			boolean heldHere = registration.seriesId().equals(person.seriesId()) && person.erasedAt() == null;
			who.put("email", heldHere ? person.email() : null);
			fields.put("person", who);
		}
		return fields;
	}

	private static String subjectType(ChangeKind kind) {
		return switch (kind) {
			case SESSIONS -> "Session";
			case SPONSORSHIPS -> "Sponsorship";
			case REGISTRATION_CREATED, CHECKED_IN -> "Registration";
			case COMPANY -> "Company";
			case SERIES -> "EventSeries";
			case PERSON -> "Person";
			case EVENT_DETAILS, EVENT_STATUS, ATTENDANCE, PROGRAM_IMPORTED -> "Event";
		};
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/** BSON values as JSON ones: ObjectIds as hex, dates as RFC 3339, documents and lists within. */
	private static Object plain(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, inner) -> copy.put(String.valueOf(key), plain(inner)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach((inner) -> copy.add(plain(inner)));
			return copy;
		}
		if (value instanceof ObjectId id) {
			return id.toHexString();
		}
		if (value instanceof Date date) {
			return date.toInstant().toString();
		}
		if (value instanceof Instant instant) {
			return instant.toString();
		}
		return (value == null || value instanceof Number || value instanceof Boolean) ? value : value.toString();
	}

}
