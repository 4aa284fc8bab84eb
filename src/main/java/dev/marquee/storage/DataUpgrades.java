package dev.marquee.storage;

import java.util.Date;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The markers of one-time data upgrades run at start-up ({@code data_upgrades {_id: name, at}}): an upgrade
 * looks for the documents it must change only until its marker exists, since that search would scan the
 * collection on the embedded default; later starts read only the marker (a lookup by {@code _id}). Two nodes
 * starting together may both run an idempotent upgrade; the second marker is a no-op.
 */
@Component
public class DataUpgrades {

	public static final String COLLECTION = "data_upgrades";

	private final MongoTemplate mongo;

	DataUpgrades(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Whether the upgrade {@code name} has run to its end on this database. */
	public boolean done(String name) {
		return this.mongo.getCollection(COLLECTION).find(new Document("_id", name)).first() != null;
	}

	/** Marks the upgrade {@code name} done; another node having marked it first is fine. */
	public void markDone(String name) {
		UniqueInserts.insert(this.mongo.getCollection(COLLECTION), new Document("_id", name).append("at", new Date()));
	}

}
