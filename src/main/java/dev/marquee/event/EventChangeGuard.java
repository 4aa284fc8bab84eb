package dev.marquee.event;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

/**
 * A feature whose documents hang off an edition's time range or tracks (the program's sessions), asked
 * by {@link EventCommands} before an edition's dates or tracks change: the change is refused while any of
 * them would fall outside. Implemented above {@code event}; Spring injects every implementation.
 */
public interface EventChangeGuard {

	/** How many of this edition's documents would fall outside {@code [startsAt, endsAt]}. */
	long countOutside(ObjectId eventId, Instant startsAt, Instant endsAt);

	/** How many of this edition's documents sit on a track whose normalised name is not among {@code trackKeys}. */
	long countOnOtherTracks(ObjectId eventId, List<String> trackKeys);

}
