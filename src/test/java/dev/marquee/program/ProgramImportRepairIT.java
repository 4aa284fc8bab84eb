package dev.marquee.program;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.storage.PendingWrites;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code program-import} repair after a crash at each point: before the marker the staging goes and
 * nothing else was written; after it the staged plan is applied, whatever part of it already was.
 */
class ProgramImportRepairIT extends IntegrationTest {

	@Autowired
	private ProgramImportPlanner planner;

	@Autowired
	private PendingWrites pending;

	@Autowired
	private JsonMapper json;

	private Event edition;

	@BeforeEach
	void theWalkthroughsEdition() {
		EventSeries series = this.fixtures.series("ai-on-the-lot", "AI on the Lot");
		this.edition = this.fixtures.event(series, "ai-on-the-lot-2027")
			.startsAt("2027-05-11T09:00:00-07:00")
			.lasting(Duration.ofHours(33))
			.timeZone("America/Los_Angeles")
			.tracks("Pre-production", "Visual effects")
			.create();
	}

	@Test
	void anImportThatStoppedBeforeItsMarkerLeavesNothing() throws IOException {
		ObjectId importId = stage(false);

		this.pending.repair(Duration.ZERO);

		assertThat(this.mongo.count(new Query(), Session.class)).isZero();
		assertThat(this.mongo.count(new Query(), Person.class)).isZero();
		assertThat(this.mongo.count(new Query(), ProgramImportBatch.class)).isZero();
		assertThat(this.mongo.findById(this.edition.id(), Event.class).tracks()).hasSize(2);
		assertThat(this.mongo.getCollection("pending_writes").countDocuments(new Document("target", importId))).isZero();
	}

	@Test
	void aCommittedImportThatStoppedHalfWayIsFinishedOnceAndAnnounced() throws IOException {
		ObjectId importId = stage(true);
		// the crash came after the speakers and one session were written
		ProgramImportBatch sessions = this.mongo.find(new Query(), ProgramImportBatch.class)
			.stream()
			.filter((b) -> !b.createSessions().isEmpty())
			.findFirst()
			.orElseThrow();
		this.mongo.find(new Query(), ProgramImportBatch.class)
			.forEach((b) -> b.createSpeakers().forEach(this.mongo::insert));
		this.mongo.insert(sessions.createSessions().get(0).session());

		this.pending.repair(Duration.ZERO);

		assertThat(this.mongo.count(new Query(), Session.class)).isEqualTo(5);
		assertThat(this.mongo.count(new Query(), Person.class)).isEqualTo(3);
		assertThat(this.mongo.findById(this.edition.id(), Event.class).tracks()).extracting((t) -> t.name())
			.containsExactly("Pre-production", "Visual effects", "Virtual production");
		assertThat(this.mongo.count(new Query(), ProgramImportBatch.class)).isZero();
		assertThat(this.mongo.getCollection(ProgramImport.COMMITS).countDocuments(new Document("_id", importId)))
			.isZero();
		assertThat(this.mongo.getCollection("changes").countDocuments(new Document("kind", "PROGRAM_IMPORTED")))
			.isEqualTo(1);
	}

	/** What {@link ProgramImport} writes up to its marker, and, when {@code committed}, the marker. */
	private ObjectId stage(boolean committed) throws IOException {
		ProgramFile file = ProgramFile.read(this.json, Path.of("docs/examples/program-sessionize.json"),
				ZoneId.of("America/Los_Angeles"));
		ObjectId importId = new ObjectId();
		ProgramImportPlanner.Plan plan = this.planner.plan(importId, this.edition, file, Instant.now());
		this.pending.begin(ProgramImport.KIND, importId);
		plan.batches().forEach(this.mongo::insert);
		if (committed) {
			this.mongo.getCollection(ProgramImport.COMMITS)
				.insertOne(new Document("_id", importId).append("eventId", this.edition.id())
					.append("batches", plan.batches().size())
					.append("kind", ProgramImport.KIND)
					.append("at", Instant.now()));
		}
		return importId;
	}

}
