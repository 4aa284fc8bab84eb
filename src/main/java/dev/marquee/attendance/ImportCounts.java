package dev.marquee.attendance;

/**
 * How an import's rows came out: {@code created} registrations, {@code updated} ones (a segment move or a
 * check-in) and {@code unchanged} ones (nothing to change, or registered meanwhile by someone else).
 */
record ImportCounts(int created, int updated, int unchanged) {

	static final ImportCounts NONE = new ImportCounts(0, 0, 0);

	ImportCounts plus(ImportCounts other) {
		return new ImportCounts(this.created + other.created, this.updated + other.updated,
				this.unchanged + other.unchanged);
	}

	/** As the audit entry says it: {@code "3 created, 1 updated, 0 unchanged"}. */
	String summary() {
		return this.created + " created, " + this.updated + " updated, " + this.unchanged + " unchanged";
	}

}
