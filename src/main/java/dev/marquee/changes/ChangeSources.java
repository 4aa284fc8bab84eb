package dev.marquee.changes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Chooses how this node reads the log: a change stream when the database is a replica set (its
 * {@code hello} answer names the set), else polling (the embedded default and a standalone MongoDB have no
 * change streams).
 */
@Component
class ChangeSources {

	private static final Logger log = LoggerFactory.getLogger(ChangeSources.class);

	private final MongoTemplate mongo;

	private final ChangeStore store;

	private final ChangeProperties properties;

	private final boolean embedded;

	ChangeSources(MongoTemplate mongo, ChangeStore store, ChangeProperties properties,
			ObjectProvider<MongoServer> embeddedServer) {
		this.mongo = mongo;
		this.store = store;
		this.properties = properties;
		this.embedded = embeddedServer.getIfAvailable() != null;
	}

	ChangeSource open(long position) {
		boolean stream = switch (this.properties.follow()) {
			case POLL -> false;
			case CHANGE_STREAM -> true;
			case AUTO -> isReplicaSet();
		};
		if (stream) {
			return new ChangeStreamSource(this.mongo, this.store, nodeName(), position);
		}
		return new PollingSource(this.store);
	}

	/** True when {@code hello} names a replica set; the embedded server is none (and does not know {@code hello}). */
	boolean isReplicaSet() {
		if (this.embedded) {
			return false;
		}
		try {
			Document hello = this.mongo.getDb().runCommand(new Document("hello", 1));
			return hello.getString("setName") != null;
		}
		catch (RuntimeException ex) {
			log.debug("No hello answer ({}): following the change log by polling", ex.getMessage());
			return false;
		}
	}

	private String nodeName() {
		if (!this.properties.nodeName().isBlank()) {
			return this.properties.nodeName();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "node";
		}
	}

	/** Reads {@code _id > position} sorted, at most the batch size: one indexed range read. */
	static final class PollingSource implements ChangeSource {

		private final ChangeStore store;

		PollingSource(ChangeStore store) {
			this.store = store;
		}

		@Override
		public List<Change> read(long position, int limit) {
			return this.store.after(position, limit);
		}

		@Override
		public String toString() {
			return "polling";
		}

	}

}
