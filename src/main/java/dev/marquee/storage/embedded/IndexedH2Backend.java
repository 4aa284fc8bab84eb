package dev.marquee.storage.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with working non-unique indexes: see {@link IndexedH2Database}. The
 * file format is the server's own plus one map per index, so a file written without them opens here
 * (the indexes are built once, at the first start) and the server's plain backend still reads one
 * written here.
 */
public final class IndexedH2Backend extends H2Backend {

	private IndexedH2Backend(MVStore store) {
		super(store);
	}

	/** A backend storing its data in this file (created when missing), with this much page cache. */
	public static IndexedH2Backend file(String fileName, int cacheMb) {
		return new IndexedH2Backend(new MVStore.Builder().fileName(fileName).cacheSize(cacheMb).open());
	}

	/** A backend keeping its data in memory, with the same indexes as a file-backed one. */
	public static IndexedH2Backend inMemoryStore() {
		return new IndexedH2Backend(MVStore.open(null));
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
	}

}
