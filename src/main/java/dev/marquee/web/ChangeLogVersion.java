package dev.marquee.web;

import dev.marquee.changes.ChangeLog;
import dev.marquee.graphql.DataVersion;

import org.springframework.stereotype.Component;

/** The data version behind HTTP entity tags: the newest seq of the change log, which every write advances. */
@Component
class ChangeLogVersion implements DataVersion {

	private final ChangeLog log;

	ChangeLogVersion(ChangeLog log) {
		this.log = log;
	}

	@Override
	public long current() {
		return this.log.version();
	}

}
