package dev.marquee.program;

import java.util.List;

import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One batch of a program import's planned writes, staged in {@value #COLLECTION} before the import
 * commits: tracks to add to the edition, speakers to create or update, sessions to create or update
 * (their speakers by source key, resolved when applied, so a speaker another import created meanwhile is
 * the one linked), sessions to remove. Planned by {@link ProgramImportPlanner}, applied by
 * {@link ProgramImport}; applying a batch twice changes nothing more than once.
 */
@Document(ProgramImportBatch.COLLECTION)
record ProgramImportBatch(@Id ObjectId id, ObjectId importId, int seq, List<String> tracks,
		List<Person> createSpeakers, List<Person> updateSpeakers, List<Staged> createSessions,
		List<Staged> updateSessions, List<ObjectId> removeSessions) {

	static final String COLLECTION = "program_staging";

	/** A planned session and the source keys of its speakers, in order. */
	record Staged(Session session, List<String> speakerKeys) {
	}

}
