package dev.marquee.series;

import org.bson.types.ObjectId;

/**
 * Who organizes a series: {@link SeriesCommands} grants a new series to the organizer who created it
 * (and takes the grant back if the series could not be written). Implemented by the account feature,
 * above {@code series}.
 */
public interface SeriesGrants {

	/** Adds the series to the account's grants; idempotent. */
	void addGrant(ObjectId accountId, ObjectId seriesId);

	/** Removes the series from the account's grants again. */
	void removeGrant(ObjectId accountId, ObjectId seriesId);

}
