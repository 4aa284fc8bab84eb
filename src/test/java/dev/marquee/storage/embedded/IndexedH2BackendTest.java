package dev.marquee.storage.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Field;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed H2 backend answers every query exactly as mongo-java-server's own memory backend does,
 * which ignores non-unique indexes and tests every document. Both servers get the same indexes and the
 * same pseudo-random documents (a fixed seed; numbers of mixed Java types, nulls, missing fields,
 * multikey and dotted fields, strings with regex metacharacters and control characters), and each
 * query's answer on one is compared with the other's, in {@code _id} order: an index that narrows a
 * query to too few candidates shows up as a document missing from an answer.
 * <p>
 * Reads share one collection; each test that writes loads its own; two tests reopen H2 files.
 */
@ExtendWith(SoftAssertionsExtension.class)
class IndexedH2BackendTest {

	private static final long SEED = 20261124L;

	private static final int DOCUMENTS = 3000;

	/** Editions the sorted-page tests page through. */
	private static final int EDITIONS = 1200;

	/** Documents the file-backed tests write (a file store serialises each one, which takes its time). */
	private static final int PERSISTED = 600;

	private static final String DATABASE = "difftest";

	private static final Bson BY_ID = Sorts.ascending("_id");

	/** Documents whose terms are an array (a few hold a single string, which array updates reject). */
	private static final Bson LISTED = Filters.type("terms", "array");

	/** The same indexes on both servers: compound, multikey, dotted, mixed-type and one unique. */
	private static final List<IndexModel> INDEXES = List.of(
			new IndexModel(Indexes.ascending("eventId", "registeredAt", "_id")),
			new IndexModel(Indexes.ascending("terms")),
			new IndexModel(Indexes.ascending("venue.country")),
			new IndexModel(Indexes.ascending("seats")),
			new IndexModel(Indexes.ascending("companyId", "draft")),
			new IndexModel(Indexes.ascending("draft")),
			new IndexModel(Indexes.descending("registeredAt")),
			new IndexModel(Indexes.ascending("label")),
			new IndexModel(Indexes.ascending("eventId", "ticket"), new IndexOptions().unique(true)));

	/** Search terms and labels: prefixes of each other, regex metacharacters, NUL and U+0001, case, emoji. */
	private static final List<String> WORDS = List.of("abc", "abcd", "abd", "ab", "abb", "abbb", "a", "Abc", "ABC",
			"ac", "xyz", "xyzzy", "a.b", "a.bc", "axb", "a+b", "a*b", "a\\b", "a(b)", "a|b", "[abc]", "^ab", "$x",
			"x\0y", "x\0", "x\u0001y", "x\u0001", "x\u0001\u0003", "x\u0002", "", "zz\nabc", "\uD83D\uDE00a",
			"\uD83D\uDE00", "\u00e9a", "a b");

	private static final List<String> COUNTRIES = List.of("DE", "FR", "AT", "CH", "US", "GB", "JP");

	private static final long TWO_TO_53 = 1L << 53;

	private static final long BASE_MILLIS = 1_780_000_000_000L;

	private static final List<ObjectId> COMPANIES = objectIds(0x5f000000, 25);

	private static final List<Date> DAYS = days();

	private static final List<Document> REGISTRATIONS = registrations(DOCUMENTS);

	private static Server indexed;

	private static Server reference;

	private static Both<MongoCollection<Document>> registrations;

	@InjectSoftAssertions
	private SoftAssertions softly;

	@BeforeAll
	static void startBothServersWithTheSameIndexesAndDocuments() {
		indexed = Server.start(IndexedH2Backend.inMemoryStore());
		reference = Server.start(new MemoryBackend());
		registrations = loaded("registrations", DOCUMENTS);
	}

	@AfterAll
	static void stopBothServers() {
		indexed.close();
		reference.close();
	}

	@Test
	void equalityAndInOnAnIndexedStringFieldFindWhatTheReferenceFinds() {
		Date day = DAYS.get(3);
		String ticket = REGISTRATIONS.stream().filter((document) -> "event-22".equals(document.get("eventId")))
			.findFirst().orElseThrow().getString("ticket");
		assertBothFind(registrations,
				Filters.eq("eventId", "event-03"),
				new Document("eventId", new Document("$eq", "event-04")),
				Filters.in("eventId", "event-05", "event-06", "event-absent"),
				Filters.in("eventId", List.of("event-07")),
				Filters.and(Filters.eq("eventId", "event-08"), Filters.ne("draft", true)),
				Filters.and(Filters.eq("eventId", "event-09"), Filters.gte("registeredAt", day)),
				Filters.and(Filters.eq("eventId", "event-10"), Filters.lt("seats", 5)),
				Filters.and(Filters.eq("eventId", "event-11"), Filters.exists("checkedInAt")),
				Filters.and(Filters.eq("eventId", "event-11"), Filters.exists("checkedInAt", false)),
				Filters.and(Filters.eq("eventId", "event-12"), Filters.eq("checkedInAt", null)),
				Filters.and(Filters.eq("eventId", "event-13"),
						Filters.or(Filters.eq("draft", true), Filters.eq("venue.country", "DE"))),
				Filters.and(Filters.or(Filters.eq("eventId", "event-14"), Filters.eq("eventId", "event-15")),
						Filters.eq("draft", false)),
				new Document("$and", List.of(new Document("eventId", "event-16"), new Document("draft", false))),
				new Document("$and", List.of(new Document("$and", List.of(new Document("eventId", "event-17"))),
						new Document("seats", new Document("$gt", 3)))),
				new Document("eventId", "event-18").append("$and",
						List.of(new Document("eventId", new Document("$in", List.of("event-18", "event-19"))))),
				Filters.and(Filters.eq("eventId", "event-20"), Filters.nin("seats", 1, 2L, 3.0)),
				Filters.and(Filters.eq("eventId", "event-21"), Filters.not(Filters.eq("venue.country", "FR"))),
				new Document("eventId", "event-22").append("ticket", ticket),
				new Document("eventId", "event-22").append("ticket", new Document("$in", List.of(ticket, "T-none"))),
				new Document("eventId", new Document("$in", List.of("event-23", "event-24")).append("$ne", "event-24")),
				new Document("eventId", new Document("$eq", "event-25").append("$exists", true)));

		assertNeitherFinds(registrations,
				Filters.eq("eventId", "event-absent"),
				Filters.in("eventId"),
				Filters.and(Filters.eq("eventId", "event-03"), Filters.eq("eventId", "event-04")),
				Filters.eq("eventId", "EVENT-03"),
				Filters.eq("eventId", "event-03 "));
	}

	@Test
	void numbersOfEveryJavaTypeFindTheSameDocuments() {
		assertBothFind(registrations,
				Filters.eq("seats", 5),
				Filters.eq("seats", 5L),
				Filters.eq("seats", 5.0),
				Filters.eq("seats", new Decimal128(5)),
				Filters.eq("seats", 5.5),
				Filters.eq("seats", 0),
				Filters.eq("seats", -0.0),
				Filters.eq("seats", TWO_TO_53 + 1),
				Filters.eq("seats", (double) TWO_TO_53),
				Filters.eq("seats", Double.NaN),
				Filters.eq("seats", "5"),
				Filters.in("seats", 1, 2L, 3.0, new Decimal128(4), "6"),
				new Document("seats", new Document("$eq", 7L)),
				Filters.and(Filters.eq("seats", 8.0), Filters.eq("draft", true)),
				Filters.and(Filters.in("seats", 9, 10), Filters.type("seats", "long")),
				Filters.and(Filters.eq("seats", 11), Filters.type("seats", "double")));

		assertNeitherFinds(registrations, Filters.eq("seats", 99), Filters.eq("seats", 5.25),
				Filters.eq("seats", TWO_TO_53 + 3), Filters.in("seats", -1, 1e300));
	}

	@Test
	void booleansDatesAndObjectIdsFindTheSameDocuments() {
		assertBothFind(registrations,
				Filters.eq("draft", true),
				Filters.eq("draft", false),
				Filters.eq("draft", 1),
				Filters.in("draft", true, 0),
				Filters.and(Filters.eq("draft", false), Filters.eq("eventId", "event-02")),
				Filters.eq("registeredAt", DAYS.get(0)),
				Filters.eq("registeredAt", DAYS.get(7).toInstant()),
				Filters.in("registeredAt", DAYS.get(1), DAYS.get(2)),
				Filters.and(Filters.eq("registeredAt", DAYS.get(4)), Filters.gt("seats", 2)),
				Filters.eq("companyId", COMPANIES.get(0)),
				Filters.eq("companyId", COMPANIES.get(1).toHexString()),
				Filters.in("companyId", COMPANIES.get(2), COMPANIES.get(3).toHexString(), new ObjectId()),
				Filters.and(Filters.eq("companyId", COMPANIES.get(4)), Filters.eq("draft", true)));

		assertNeitherFinds(registrations, Filters.eq("companyId", new ObjectId()),
				Filters.eq("registeredAt", new Date(BASE_MILLIS - 1)), Filters.eq("draft", "true"));
	}

	@Test
	void multikeyAndDottedFieldsFindTheSameDocuments() {
		assertBothFind(registrations,
				Filters.eq("terms", "abc"),
				Filters.eq("terms", ""),
				Filters.eq("terms", "a.b"),
				Filters.eq("terms", "x\0y"),
				Filters.eq("terms", "x\0"),
				Filters.eq("terms", "x\u0001"),
				Filters.eq("terms", "x\u0001\u0003"),
				Filters.eq("terms", "\uD83D\uDE00"),
				Filters.in("terms", "xyz", "a*b", "[abc]"),
				new Document("terms", new Document("$eq", "ab")),
				Filters.and(Filters.eq("terms", "abc"), Filters.eq("terms", "abd")),
				Filters.and(Filters.eq("terms", "abc"), Filters.size("terms", 2)),
				Filters.and(Filters.eq("terms", "abb"), Filters.all("terms", "abb", "abbb")),
				Filters.and(Filters.in("terms", "ab", "abb"), Filters.nin("terms", "abc")),
				Filters.and(Filters.eq("terms", "ac"), Filters.ne("terms", "ab")),
				Filters.and(Filters.eq("terms", "xyz"), Filters.elemMatch("terms", Filters.eq("$eq", "xyzzy"))),
				Filters.eq("label", "a\\b"),
				Filters.in("label", "x\0y", "x\u0001y", ""),
				Filters.eq("venue.country", "DE"),
				Filters.in("venue.country", "FR", "JP"),
				new Document("venue.country", new Document("$eq", "AT")),
				Filters.and(Filters.eq("venue.country", "CH"), Filters.eq("venue.city", "Basel")),
				Filters.and(Filters.eq("venue.country", "US"), Filters.size("venue", 2)),
				Filters.and(Filters.eq("venue.country", "GB"), Filters.type("venue.country", "array")));

		assertNeitherFinds(registrations, Filters.eq("terms", "zzz"), Filters.eq("terms", "x"),
				Filters.eq("venue.country", "de"), Filters.eq("venue.country", "Berlin"));
	}

	@Test
	void idsNextToOtherConditionsFindTheSameDocuments() {
		List<ObjectId> ids = REGISTRATIONS.stream().skip(40).limit(60).map((document) -> document.getObjectId("_id"))
			.toList();
		ObjectId unchecked = REGISTRATIONS.stream().filter((document) -> document.containsKey("checkedInAt")
				&& document.get("checkedInAt") == null).findFirst().orElseThrow().getObjectId("_id");
		ObjectId checked = REGISTRATIONS.stream().filter((document) -> document.get("checkedInAt") != null)
			.findFirst().orElseThrow().getObjectId("_id");
		assertBothFind(registrations,
				Filters.and(Filters.in("_id", ids), Filters.eq("draft", false)),
				Filters.and(Filters.in("_id", ids), Filters.eq("eventId", "event-01")),
				Filters.and(Filters.in("_id", ids), Filters.regex("terms", "^ab")),
				Filters.and(Filters.eq("_id", unchecked), Filters.eq("checkedInAt", null)),
				new Document("_id", new Document("$eq", ids.get(3))).append("seats", new Document("$exists", true)),
				new Document("$and", List.of(new Document("_id", ids.get(4)), new Document("ticket", "T44")))
					.append("eventId", REGISTRATIONS.get(44).get("eventId")),
				Filters.in("_id", ids.subList(0, 5)),
				Filters.eq("_id", ids.get(0)));

		assertNeitherFinds(registrations,
				Filters.and(Filters.eq("_id", checked), Filters.eq("checkedInAt", null)),
				Filters.and(Filters.in("_id", List.of()), Filters.eq("draft", false)),
				Filters.and(Filters.in("_id", new ObjectId(), 44, "44"), Filters.eq("draft", false)),
				Filters.and(Filters.eq("_id", ids.get(0)), Filters.eq("_id", ids.get(1))));
	}

	@Test
	void anchoredPrefixRegexesInEveryFormTheDriverSendsFindWhatTheReferenceFinds() {
		assertBothFind(registrations,
				Filters.regex("terms", "^abc"),
				Filters.regex("terms", "^ab"),
				Filters.regex("terms", "^a"),
				Filters.eq("terms", Pattern.compile("^abc")),
				Filters.regex("terms", Pattern.compile("^a\\.b")),
				Filters.regex("terms", "^a\\.b"),
				Filters.regex("terms", "^a.b"),
				Filters.regex("terms", "^a\\+b"),
				Filters.regex("terms", "^a\\*b"),
				Filters.regex("terms", "^a\\\\b"),
				Filters.regex("terms", "^a\\(b\\)"),
				Filters.regex("terms", "^a\\|b"),
				Filters.regex("terms", "^\\^ab"),
				Filters.regex("terms", "^\\$x"),
				new Document("terms", new Document("$regex", "^x\0")),
				new Document("terms", new Document("$regex", "^x\0y")),
				Filters.regex("terms", "^x\\x00"),
				Filters.regex("terms", "^x\u0001"),
				Filters.regex("terms", "^x\u0001\u0003"),
				Filters.regex("terms", "^\\Qa.b\\E"),
				Filters.regex("terms", "^\\Qa.b"),
				Filters.regex("terms", "^\\Qa(b)\\E$"),
				Filters.regex("terms", "^\\Qa|b\\E"),
				Filters.regex("terms", "^\\Qa\\E\\Qbc\\E"),
				Filters.regex("terms", "^\\Qab\\E?"),
				Filters.regex("terms", "^\\Qabb\\E*"),
				Filters.regex("terms", "^abc?"),
				Filters.regex("terms", "^ab*"),
				Filters.regex("terms", "^ab{2}"),
				Filters.regex("terms", "^ab{0}c"),
				Filters.regex("terms", "^ab+"),
				Filters.regex("terms", "^ab?c"),
				Filters.regex("terms", "^a\\.?b"),
				Filters.regex("terms", "^abc$"),
				Filters.regex("terms", "^a\\b"),
				Filters.regex("terms", "^a\\w"),
				Filters.regex("terms", "^\\x61bc"),
				Filters.regex("terms", "^\\u0061bc"),
				Filters.regex("terms", "^abc", "i"),
				Filters.regex("terms", Pattern.compile("^abc", Pattern.CASE_INSENSITIVE)),
				Filters.regex("terms", "^ABC"),
				Filters.regex("terms", "(?i)^abc"),
				Filters.regex("terms", "^(?i)abc"),
				Filters.regex("terms", "^a(?i)bc"),
				Filters.regex("terms", "^abc", "m"),
				Filters.regex("terms", "^a b", "x"),
				Filters.regex("terms", "^abc|xyz"),
				Filters.regex("terms", "xyz|^abc"),
				Filters.regex("terms", "^(abc|xyz)"),
				Filters.regex("terms", "^a[b]c"),
				Filters.regex("terms", "abc"),
				Filters.regex("terms", "bc$"),
				Filters.regex("terms", "^"),
				Filters.regex("terms", "^\uD83D\uDE00"),
				Filters.regex("terms", "^\u00e9"),
				new Document("terms", new Document("$regex", "^abc")),
				new Document("terms", new Document("$regex", "^abc").append("$options", "")),
				new Document("terms", new Document("$regex", "^abc").append("$options", "i")),
				new Document("terms", new Document("$regex", "^ab").append("$nin", List.of("abc"))),
				Filters.not(Filters.regex("terms", "^ab")),
				Filters.in("terms", Pattern.compile("^abc"), "xyz"),
				Filters.and(Filters.regex("terms", "^ab"), Filters.eq("eventId", "event-03")),
				Filters.and(Filters.regex("terms", "^ab"), Filters.regex("terms", "^abc")),
				Filters.and(Filters.regex("terms", "^ab"), Filters.regex("label", "^a\\.")),
				Filters.regex("label", "^a"),
				new Document("label", new Document("$regex", "^x\0")),
				Filters.regex("label", "^\\[abc"));

		assertNeitherFinds(registrations, Filters.regex("terms", "^zzz"), Filters.regex("terms", "^ab{4}"),
				Filters.regex("terms", "^\\Qa.b)\\E"));
	}

	/**
	 * The server matches a regular expression against the text ({@code toString()}) of any value, not only
	 * of strings: {@code 5.0}, {@code true}, {@code ObjectId[...]}, a date, {@code [abc, ab]} for an array.
	 * An index must not lose those documents.
	 */
	@Test
	void prefixRegexesMatchTheTextOfNonStringValuesAsTheServerDoes() {
		assertBothFind(registrations,
				Filters.regex("terms", "^\\[abc"),
				Filters.regex("terms", "^\\Q[\\E"),
				Filters.regex("venue.country", "^\\["),
				Filters.regex("seats", "^5"),
				Filters.regex("seats", "^1"),
				Filters.regex("seats", "^NaN"),
				Filters.regex("seats", "^-"),
				Filters.regex("seats", "^90"),
				Filters.regex("companyId", "^O"),
				Filters.regex("companyId", "^ObjectId\\[5f"),
				Filters.regex("draft", "^t"),
				Filters.regex("draft", "^fal"),
				Filters.regex("registeredAt", "^2026"),
				Filters.regex("label", "^de\\.bwaldvogel"),
				Filters.regex("label", "^BsonTimestamp"),
				Filters.and(Filters.regex("seats", "^1"), Filters.type("seats", "number")));
	}

	@Test
	void quantifiersAfterAQuoteOrASurrogatePairDoNotNarrowTheAnswer() {
		assertBothFind(registrations,
				Filters.regex("terms", "^ab\\Q\\E?"),
				Filters.regex("terms", "^ab\\Q\\E*"),
				Filters.regex("terms", "^a\\Qb\\E\\Q\\E{0}c"),
				Filters.regex("terms", "^\uD83D\uDE00?"),
				Filters.regex("terms", "^\uD83D\uDE00*a"),
				Filters.regex("terms", "^\\Q\uD83D\uDE00\\E?"));
	}

	@Test
	void sortedPagesProjectionsCountsAndDistinctValuesAreTheSame() {
		List<Bson> filters = List.of(Filters.eq("eventId", "event-05"), Filters.regex("terms", "^ab"),
				Filters.in("seats", 3, 4L), Filters.eq("venue.country", "DE"),
				Filters.and(Filters.eq("draft", true), Filters.eq("companyId", COMPANIES.get(5))));
		for (Bson filter : filters) {
			Both<List<Document>> page = registrations.map((collection) -> collection.find(filter)
				.sort(Sorts.orderBy(Sorts.descending("registeredAt"), Sorts.ascending("_id")))
				.skip(3)
				.limit(7)
				.projection(Projections.include("eventId", "registeredAt"))
				.into(new ArrayList<>()));
			this.softly.assertThat(page.indexed()).as("page of %s", json(filter)).isEqualTo(page.reference());
			this.softly.assertThat(page.reference()).as("page of %s", json(filter)).isNotEmpty();

			Both<Long> count = registrations.map((collection) -> collection.countDocuments(filter));
			this.softly.assertThat(count.indexed()).as("count of %s", json(filter)).isEqualTo(count.reference());

			Both<Document> legacyCount = databases().map((database) -> database
				.runCommand(new Document("count", "registrations").append("query", filter)));
			this.softly.assertThat(legacyCount.indexed().get("n")).as("count command on %s", json(filter))
				.isEqualTo(legacyCount.reference().get("n"));

			for (String field : List.of("eventId", "seats", "terms", "venue.country", "_id")) {
				Both<List<Object>> values = registrations
					.map((collection) -> collection.distinct(field, filter, BsonValue.class)
						.map(IndexedH2BackendTest::byValue)
						.into(new ArrayList<>()));
				this.softly.assertThat(values.indexed()).as("distinct %s of %s", field, json(filter))
					.containsExactlyInAnyOrderElementsOf(values.reference());
			}
		}
	}

	@Test
	void aggregationsStartingWithAMatchAnswerLikeTheReference() {
		List<List<Bson>> pipelines = List.of(
				List.of(Aggregates.match(Filters.eq("eventId", "event-01")),
						Aggregates.group("$draft", Accumulators.sum("n", 1), Accumulators.sum("amount", "$amount"),
								Accumulators.max("latest", "$registeredAt")),
						Aggregates.sort(Sorts.ascending("_id"))),
				List.of(Aggregates.match(Filters.regex("terms", "^ab")), Aggregates.unwind("$terms"),
						Aggregates.match(Filters.regex("terms", "^ab")), Aggregates.sortByCount("$terms"),
						Aggregates.sort(Sorts.ascending("_id"))),
				List.of(Aggregates.match(Filters.and(Filters.in("eventId", "event-02", "event-03"),
						Filters.eq("draft", false))),
						Aggregates.facet(
								new Facet("byEvent", Aggregates.group("$eventId", Accumulators.sum("n", 1)),
										Aggregates.sort(Sorts.ascending("_id"))),
								new Facet("first", Aggregates.sort(BY_ID), Aggregates.limit(3),
										Aggregates.project(Projections.include("ticket"))),
								new Facet("total", Aggregates.count("n")))),
				List.of(Aggregates.match(new Document("$and",
						List.of(new Document("venue.country", "FR"), new Document("seats", new Document("$gte", 2))))),
						Aggregates.sort(Sorts.orderBy(Sorts.descending("seats"), Sorts.ascending("_id"))),
						Aggregates.limit(10)),
				List.of(Aggregates.match(Filters.and(Filters.in("_id", REGISTRATIONS.stream().limit(200)
					.map((document) -> document.get("_id")).toList()), Filters.eq("draft", true))),
						Aggregates.group(null, Accumulators.sum("n", 1), Accumulators.avg("amount", "$amount"))),
				List.of(Aggregates.match(Filters.eq("eventId", "event-absent")), Aggregates.count("n")),
				List.of(Aggregates.match(Filters.eq("seats", 5)), Aggregates.sort(BY_ID),
						Aggregates.project(Projections.fields(Projections.include("seats", "eventId"),
								Projections.computed("listed", new Document("$isArray", "$terms"))))),
				List.of(Aggregates.group("$venue.country", Accumulators.sum("n", 1)),
						Aggregates.sort(Sorts.ascending("_id"))),
				List.of(Aggregates.sort(BY_ID), Aggregates.match(Filters.eq("eventId", "event-04")),
						Aggregates.limit(5)),
				List.of(Aggregates.match(new Document()), Aggregates.count("n")));
		for (List<Bson> pipeline : pipelines) {
			Both<List<Document>> result = registrations
				.map((collection) -> collection.aggregate(pipeline).into(new ArrayList<>()));
			this.softly.assertThat(result.indexed()).as("aggregate %s", json(pipeline)).isEqualTo(result.reference());
		}
		assertThat(pipelines.stream().map((pipeline) -> registrations.reference().aggregate(pipeline).first())
			.filter((first) -> first != null)
			.count()).as("pipelines with an answer").isEqualTo(pipelines.size() - 1);
	}

	@Test
	void anAggregationStartingWithAMatchFailsWithTheServersOwnError() {
		List<Bson> failing = List.of(Aggregates.match(Filters.eq("eventId", "event-01")),
				Aggregates.addFields(new Field<>("ratio", new Document("$divide",
						List.of("$amount", new Document("$subtract", List.of("$amount", "$amount")))))));
		Both<String> failure = registrations.map((collection) -> {
			try {
				collection.aggregate(failing).into(new ArrayList<>());
				return "no failure";
			}
			catch (MongoCommandException ex) {
				return ex.getErrorCode() + " " + ex.getErrorMessage();
			}
		});
		assertThat(failure.indexed()).as("failure of %s", json(failing)).isEqualTo(failure.reference());
		assertThat(failure.reference()).startsWith("16608 ");
	}

	@Test
	void updatesOfIndexedFieldsMoveDocumentsFromTheOldValuesToTheNewOnes() {
		Both<MongoCollection<Document>> collections = loaded("updated", 1000);
		assertSameResult(collections, (collection) -> collection.updateMany(Filters.eq("eventId", "event-06"),
				Updates.set("eventId", "event-moved")));
		assertSameResult(collections, (collection) -> collection.updateMany(
				Filters.and(Filters.eq("terms", "abc"), Filters.eq("draft", false), LISTED),
				Updates.set("terms.$", "abx")));
		assertSameResult(collections, (collection) -> collection.updateMany(
				Filters.and(Filters.regex("terms", "^abd"), LISTED), Updates.addToSet("terms", "new")));
		assertSameResult(collections, (collection) -> collection.updateMany(Filters.eq("terms", "new"),
				Updates.pull("terms", "abd")));
		assertSameResult(collections, (collection) -> collection.updateMany(
				Filters.and(Filters.eq("terms", "xyz"), LISTED), Updates.push("terms", "abc")));
		assertSameResult(collections, (collection) -> collection.updateMany(Filters.in("seats", 5L, 6.0),
				Updates.inc("seats", 45)));
		assertSameResult(collections, (collection) -> collection.updateMany(
				Filters.and(Filters.eq("venue.country", "DE"), Filters.exists("venue.0", false)),
				Updates.set("venue.country", "NL")));
		assertSameResult(collections, (collection) -> collection.updateMany(Filters.eq("eventId", "event-07"),
				Updates.unset("eventId")));
		// several documents match: both servers update the first in _id order (insertion order here)
		assertSameResult(collections, (collection) -> collection.updateOne(Filters.eq("eventId", "event-08"),
				Updates.set("label", "relabelled")));
		assertSameResult(collections, (collection) -> collection.updateOne(Filters.eq("label", "relabelled"),
				Updates.combine(Updates.set("draft", true), Updates.set("terms", List.of("abc", "new")))));
		assertSameResult(collections, (collection) -> collection.replaceOne(
				Filters.and(Filters.eq("_id", REGISTRATIONS.get(10).get("_id")), Filters.exists("ticket")),
				new Document("eventId", "event-moved").append("ticket", "replaced").append("terms", List.of("abx"))));
		assertSameResult(collections, (collection) -> collection.updateOne(
				Filters.and(Filters.eq("_id", new ObjectId(0x7f000000, 1)), Filters.eq("eventId", "event-upserted")),
				Updates.set("terms", List.of("abc")), new UpdateOptions().upsert(true)).getUpsertedId());

		assertNeitherFinds(collections, Filters.eq("eventId", "event-06"), Filters.eq("eventId", "event-07"),
				Filters.and(Filters.eq("terms", "abd"), LISTED), Filters.in("seats", 5L, 6.0),
				Filters.and(Filters.eq("venue.country", "DE"), Filters.exists("venue.0", false)));
		assertBothFind(collections, Filters.eq("eventId", "event-moved"),
				Filters.in("eventId", "event-06", "event-moved", "event-07"), Filters.eq("terms", "abc"),
				Filters.eq("terms", "abx"), Filters.regex("terms", "^ab"), Filters.regex("terms", "^abx"),
				Filters.eq("terms", "new"), Filters.eq("seats", 50), Filters.eq("seats", 51L),
				Filters.eq("venue.country", "DE"), Filters.eq("venue.country", "NL"), Filters.eq("label", "relabelled"),
				Filters.eq("eventId", "event-upserted"), Filters.eq("ticket", "replaced"));
		assertWholeCollectionsEqual(collections);
	}

	@Test
	void deletingByAnIndexedFieldRemovesTheDocumentsFromEveryAnswer() {
		Both<MongoCollection<Document>> collections = loaded("deleted", 1000);
		Both<DeleteResult> deleted = collections
			.map((collection) -> collection.deleteMany(Filters.eq("eventId", "event-09")));
		assertThat(deleted.indexed()).isEqualTo(deleted.reference());
		assertThat(deleted.reference().getDeletedCount()).isPositive();
		assertSameResult(collections, (collection) -> collection.deleteMany(Filters.regex("terms", "^xyz")));
		assertSameResult(collections, (collection) -> collection.deleteMany(Filters.in("seats", 1, 2L)));
		assertSameResult(collections, (collection) -> collection.deleteOne(Filters.eq("venue.country", "JP")));

		assertNeitherFinds(collections, Filters.eq("eventId", "event-09"), Filters.regex("terms", "^xyz"),
				Filters.in("seats", 1, 2L));
		assertBothFind(collections, Filters.eq("eventId", "event-10"), Filters.eq("venue.country", "JP"),
				Filters.regex("terms", "^ab"), Filters.eq("seats", 3));
		assertWholeCollectionsEqual(collections);

		// the freed values can be used again
		Document again = new Document("_id", new ObjectId(0x7f000000, 1)).append("eventId", "event-09")
			.append("ticket", "again").append("terms", List.of("xyz"));
		assertSameResult(collections, (collection) -> collection.insertOne(again).getInsertedId());
		assertBothFind(collections, Filters.eq("eventId", "event-09"), Filters.regex("terms", "^xyz"));
	}

	/**
	 * Unique keys of every type: the same inserts, updates and deletes succeed or fail with the same
	 * duplicate-key error on both servers (numbers equal by value, null equal to missing, an array's
	 * elements each a key), and each key finds the same document, by equality, {@code $in} or a regex.
	 */
	@Test
	void uniqueIndexesRefuseAndFindWhatTheReferenceRefusesAndFinds() {
		Both<MongoCollection<Document>> collections = new Both<>(indexed.collection("unique"),
				reference.collection("unique"));
		collections.map((collection) -> collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true)));
		List<Object> keys = new ArrayList<>(List.of("abc", "ab", "abc\0", "a\1b", "", "5", 5, 5L, 5.0, 5.5, -0.0, 0,
				TWO_TO_53 + 1, true, DAYS.get(0), DAYS.get(1), COMPANIES.get(0), COMPANIES.get(0).toHexString(),
				new Document("a", 1), new Document("a", 1.0), new Document("b", 1).append("a", 1),
				new Document("a", 1).append("b", 1), List.of("x", "y"), List.of("y", "z"), List.of("q"),
				new Binary(new byte[] { 1, 2 }), new Decimal128(7), 7));
		keys.add(null);
		keys.add(Missing.VALUE);
		for (int i = 0; i < keys.size(); i++) {
			Document document = new Document("_id", i).append("key", keys.get(i));
			document.values().removeIf(Missing.class::isInstance);
			Both<Object> outcome = collections.map((collection) -> insertOutcome(collection, document));
			this.softly.assertThat(outcome.indexed()).as("inserting %s", document.toJson()).isEqualTo(outcome.reference());
		}
		assertWholeCollectionsEqual(collections);
		assertBothFind(collections, Filters.eq("key", "abc"), Filters.eq("key", "abc\0"), Filters.eq("key", 5L),
				Filters.eq("key", 5.5), Filters.eq("key", 0.0), Filters.eq("key", TWO_TO_53 + 1), Filters.eq("key", true),
				Filters.eq("key", DAYS.get(1)), Filters.eq("key", COMPANIES.get(0)), Filters.eq("key", new Document("a", 1)),
				Filters.eq("key", new Document("b", 1).append("a", 1)), Filters.eq("key", "x"), Filters.eq("key", "y"),
				Filters.eq("key", new Binary(new byte[] { 1, 2 })), Filters.eq("key", null), Filters.in("key", "ab", 5, "q"),
				Filters.regex("key", "^ab"), Filters.regex("key", "b"), Filters.eq("_id", 3), Filters.in("_id", 1, 2, 99));
		assertNeitherFinds(collections, Filters.eq("key", "abd"), Filters.eq("key", 6), Filters.eq("_id", 99));

		Both<Object> moved = collections.map((collection) -> updateOutcome(collection, Filters.eq("_id", 0),
				Updates.set("key", "ab")));
		assertThat(moved.indexed()).as("an update onto a taken key").isEqualTo(moved.reference());
		assertSameResult(collections, (collection) -> collection.updateOne(Filters.eq("_id", 0), Updates.set("key", "abx")));
		assertSameResult(collections, (collection) -> collection.deleteOne(Filters.eq("key", "ab")).getDeletedCount());
		assertSameResult(collections, (collection) -> collection.insertOne(new Document("_id", 100).append("key", "abc"))
			.getInsertedId());
		assertSameResult(collections, (collection) -> collection.insertOne(new Document("_id", 101).append("key", "ab"))
			.getInsertedId());
		assertBothFind(collections, Filters.eq("key", "abx"), Filters.eq("key", "abc"), Filters.eq("key", "ab"));
		Both<Object> again = collections.map((collection) -> insertOutcome(collection, new Document("_id", 3)));
		assertThat(again.indexed()).as("an _id taken").isEqualTo(again.reference());
		assertWholeCollectionsEqual(collections);
	}

	/** The inserted id, or the error code of a refused insert. */
	private static Object insertOutcome(MongoCollection<Document> collection, Document document) {
		try {
			return collection.insertOne(document).getInsertedId();
		}
		catch (com.mongodb.MongoWriteException ex) {
			return "error " + ex.getError().getCode();
		}
	}

	private static Object updateOutcome(MongoCollection<Document> collection, Bson filter, Bson update) {
		try {
			return collection.updateOne(filter, update).getModifiedCount();
		}
		catch (com.mongodb.MongoWriteException ex) {
			return "error " + ex.getError().getCode();
		}
	}

	@Test
	void conditionalFindOneAndUpdateClaimsADocumentOnlyOnce() {
		Both<MongoCollection<Document>> collections = loaded("claimed", 1000);
		ObjectId id = REGISTRATIONS.stream().filter((document) -> document.containsKey("checkedInAt")
				&& document.get("checkedInAt") == null).skip(5).findFirst().orElseThrow().getObjectId("_id");
		Bson unclaimed = Filters.and(Filters.eq("_id", id), Filters.eq("checkedInAt", null));
		Bson claim = Updates.set("checkedInAt", DAYS.get(19));
		FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

		Both<Document> first = collections.map((collection) -> collection.findOneAndUpdate(unclaimed, claim, after));
		assertThat(first.indexed()).isNotNull().isEqualTo(first.reference());
		assertThat(first.indexed().getDate("checkedInAt")).isEqualTo(DAYS.get(19));

		Both<Document> second = collections.map((collection) -> collection.findOneAndUpdate(unclaimed, claim, after));
		assertThat(second.indexed()).isNull();
		assertThat(second.reference()).isNull();

		Bson firstOfEvent = Filters.and(Filters.eq("eventId", "event-12"), Filters.eq("checkedInAt", null));
		FindOneAndUpdateOptions sorted = new FindOneAndUpdateOptions().sort(BY_ID);
		for (int i = 0; i < 3; i++) {
			Both<Document> claimed = collections
				.map((collection) -> collection.findOneAndUpdate(firstOfEvent, claim, sorted));
			assertThat(claimed.indexed()).isNotNull().isEqualTo(claimed.reference());
		}
		assertWholeCollectionsEqual(collections);
	}

	/** The comparisons above would pass without any narrowing; this pins that the indexes do narrow. */
	@Test
	void indexedConditionsReadOnlyTheDocumentsTheIndexNames() {
		IndexedH2Collection collection = (IndexedH2Collection) indexed.backend().resolveDatabase(DATABASE)
			.resolveCollection("registrations", true);
		assertThat(collection.candidates(query("eventId", "event-03")))
			.hasSize(count(registrations.reference(), Filters.eq("eventId", "event-03")));
		assertThat(collection.candidates(query("terms", "abc")))
			.hasSize(count(registrations.reference(), Filters.eq("terms", "abc")));
		assertThat(collection.candidates(query("terms", regex("^ab"))))
			.hasSize(count(registrations.reference(), Filters.regex("terms", "^ab")));
		assertThat(collection.candidates(query("venue.country", "JP")))
			.hasSize(count(registrations.reference(), Filters.eq("venue.country", "JP")));
		assertThat(collection.candidates(query("checkedInAt", null))).isNull();
		assertThat(collection.candidates(query("terms", regex("^\\[")))).isNull();
	}

	@Test
	void sortedPagesFollowedByKeysetCursorsAreTheSameWhenTheSortFieldsIndexIsWalkedInOrder() {
		Both<MongoCollection<Document>> events = editions("walked", EDITIONS, true);
		for (Bson filter : List.of(Filters.in("status", "COMPLETED"), Filters.ne("status", "DRAFT"),
				Filters.and(Filters.eq("status", "PUBLISHED"), Filters.eq("city", "city-3")), Filters.empty())) {
			for (boolean ascending : new boolean[] { true, false }) {
				List<Object> walked = new ArrayList<>();
				Both<List<Document>> page = pageAfter(events, filter, ascending, null);
				for (int pages = 0; !page.reference().isEmpty(); pages++) {
					this.softly.assertThat(ids(page.indexed()))
						.as("page %d of %s, %s", pages, json(filter), ascending ? "ascending" : "descending")
						.isEqualTo(ids(page.reference()));
					walked.addAll(ids(page.reference()));
					page = pageAfter(events, filter, ascending, page.reference().get(page.reference().size() - 1));
				}
				Bson order = ascending ? Sorts.ascending("startsAt", "_id") : Sorts.descending("startsAt", "_id");
				this.softly.assertThat(walked).as("every page of %s", json(filter))
					.isEqualTo(ids(events.reference().find(filter).sort(order).into(new ArrayList<>())));
			}
		}
	}

	@Test
	void aRareFilterGivesUpTheWalkAndStillFindsItsFewMatches() {
		Both<MongoCollection<Document>> events = editions("rare", IndexedH2Collection.WALK_LIMIT + 500, true);
		Bson rare = Filters.eq("city", "city-rare");
		Both<List<Document>> page = events.map((collection) -> collection.find(rare)
			.sort(Sorts.ascending("startsAt", "_id"))
			.limit(10)
			.into(new ArrayList<>()));
		assertThat(ids(page.reference())).hasSize(2);
		assertThat(ids(page.indexed())).isEqualTo(ids(page.reference()));
	}

	@Test
	void anEditionWithoutAStartDateKeepsSortedPagesOffTheWalkAndTheAnswersTheSame() {
		Both<MongoCollection<Document>> events = editions("undated", 300, false);
		for (boolean ascending : new boolean[] { true, false }) {
			Both<List<Document>> page = pageAfter(events, Filters.empty(), ascending, null);
			assertThat(ids(page.indexed())).as(ascending ? "ascending" : "descending")
				.isEqualTo(ids(page.reference()));
			if (ascending) {
				assertThat(page.reference()).extracting((d) -> d.get("startsAt")).as("missing dates sort first")
					.contains((Object) null);
			}
		}
	}

	@Test
	void rangesOnIntegerIdsInIdOrderAreTheSameAndReadFromTheBoundOn() {
		Both<MongoCollection<Document>> log = changeLog("seqs", List.of());
		for (Bson filter : List.of(Filters.gt("_id", 296L), Filters.gte("_id", 296L), Filters.gt("_id", 296),
				Filters.gt("_id", -5L), Filters.gt("_id", 5_000L), Filters.and(Filters.gt("_id", 100L), Filters.lt("_id", 140L)),
				Filters.and(Filters.gt("_id", 100L), Filters.eq("kind", "CHECKED_IN")), Filters.lte("_id", 1_000L),
				Filters.gt("_id", 296.5), Filters.empty())) {
			for (Bson order : List.of(Sorts.ascending("_id"), Sorts.descending("_id"))) {
				for (int limit : new int[] { 0, 1, 10, 1000 }) {
					Both<List<Document>> found = log.map((collection) -> collection.find(filter).sort(order)
						.skip((limit == 10) ? 3 : 0).limit(limit).into(new ArrayList<>()));
					this.softly.assertThat(ids(found.indexed()))
						.as("%s sorted %s, limit %d", json(filter), json(order), limit)
						.isEqualTo(ids(found.reference()));
				}
			}
		}
		IndexedH2Collection collection = (IndexedH2Collection) indexed.backend().resolveDatabase(DATABASE)
			.resolveCollection("seqs", true);
		// what the change log's followers ask ten times a second: read from the bound, not every entry tested
		assertThat(collection.inIdOrder(gt("_id", 2_990L), sorted("_id", 1), 1000)).extracting((d) -> d.get("_id"))
			.containsExactly(2_993L, 2_996L, 2_999L);
		assertThat(collection.inIdOrder(gt("_id", 296.5), sorted("_id", 1), 1000)).as("a bound of another type")
			.isNull();
		assertThat(collection.inIdOrder(gt("_id", 296L), sorted("kind", 1), 1000)).as("another order").isNull();
	}

	@Test
	void idsOfSeveralTypesKeepRangesOffTheWalkAndTheAnswersTheSame() {
		// H2 orders keys by type first; the server compares 7, 7L and 7.5 by value, and numbers before ObjectIds
		Both<MongoCollection<Document>> mixed = changeLog("mixed-seqs",
				List.of(7, 8.5, 3_000_000_000.5, Integer.MAX_VALUE, new ObjectId("6b0000000000000000000001")));
		for (Bson filter : List.of(Filters.gt("_id", 5L), Filters.gt("_id", 5), Filters.gte("_id", 8L), Filters.empty())) {
			for (Bson order : List.of(Sorts.ascending("_id"), Sorts.descending("_id"))) {
				Both<List<Document>> found = mixed
					.map((collection) -> collection.find(filter).sort(order).limit(20).into(new ArrayList<>()));
				this.softly.assertThat(ids(found.indexed())).as("%s sorted %s", json(filter), json(order))
					.isEqualTo(ids(found.reference()));
			}
		}
		IndexedH2Collection collection = (IndexedH2Collection) indexed.backend().resolveDatabase(DATABASE)
			.resolveCollection("mixed-seqs", true);
		assertThat(collection.inIdOrder(gt("_id", 5L), sorted("_id", 1), 20)).isNull();
	}

	/**
	 * A change log: ids 2, 5, 8 … 2999 as {@code Long}s (gaps, as seqs reserved by writes that failed leave), a
	 * kind, inserted out of order; and these ids besides.
	 */
	private static Both<MongoCollection<Document>> changeLog(String name, List<Object> otherIds) {
		List<Document> documents = new ArrayList<>();
		for (long seq = 2; seq < 3_000; seq += 3) {
			documents.add(new Document("_id", seq).append("kind", (seq % 2 == 0) ? "CHECKED_IN" : "SESSIONS"));
		}
		java.util.Collections.shuffle(documents, new Random(SEED));
		for (Object id : otherIds) {
			documents.add(new Document("_id", id).append("kind", "CHECKED_IN"));
		}
		Both<MongoCollection<Document>> collections = new Both<>(indexed.collection(name), reference.collection(name));
		collections.map((collection) -> collection.insertMany(documents));
		return collections;
	}

	private static de.bwaldvogel.mongo.bson.Document gt(String field, Object value) {
		return query(field, new de.bwaldvogel.mongo.bson.Document("$gt", value));
	}

	private static de.bwaldvogel.mongo.bson.Document sorted(String field, int direction) {
		return query(field, direction);
	}

	/** The next page of ten after the given last row, by (startsAt, _id), as KeysetPager asks for it. */
	private static Both<List<Document>> pageAfter(Both<MongoCollection<Document>> collections, Bson filter,
			boolean ascending, Document last) {
		Bson where = filter;
		if (last != null) {
			Object at = last.get("startsAt");
			Object id = last.get("_id");
			where = Filters.and(filter,
					Filters.or(ascending ? Filters.gt("startsAt", at) : Filters.lt("startsAt", at),
							Filters.and(Filters.eq("startsAt", at), ascending ? Filters.gt("_id", id) : Filters.lt("_id", id))));
		}
		Bson order = ascending ? Sorts.ascending("startsAt", "_id") : Sorts.descending("startsAt", "_id");
		Bson query = where;
		return collections.map((collection) -> collection.find(query).sort(order).limit(11).into(new ArrayList<>()));
	}

	/**
	 * Editions with start dates shared by several (ties broken by _id), statuses and cities not indexed,
	 * two editions in a rare city at the very end of the order, and optionally a few without a date.
	 */
	private static Both<MongoCollection<Document>> editions(String name, int count, boolean allDated) {
		Random random = new Random(SEED + count);
		List<Document> documents = new ArrayList<>(count);
		List<String> statuses = List.of("COMPLETED", "COMPLETED", "COMPLETED", "PUBLISHED", "DRAFT", "CANCELLED");
		for (int i = 0; i < count; i++) {
			Document document = new Document("_id", new ObjectId(String.format("%08x%016x", 0x6b000000 + i, random.nextLong())))
				.append("status", statuses.get(random.nextInt(statuses.size())))
				.append("city", (i >= count - 2) ? "city-rare" : "city-" + random.nextInt(8));
			boolean dated = allDated || i % 50 != 7;
			if (dated) {
				long day = (i >= count - 2) ? 9_000 : random.nextInt(count / 3 + 1);
				document.append("startsAt", new Date(BASE_MILLIS + day * 86_400_000L));
			}
			documents.add(document);
		}
		Both<MongoCollection<Document>> collections = new Both<>(indexed.collection(name), reference.collection(name));
		collections.map((collection) -> collection.createIndex(Indexes.ascending("startsAt", "_id")));
		collections.map((collection) -> collection.insertMany(documents));
		return collections;
	}

	@Test
	void indexedQueriesAnswerTheSameAfterTheFileIsReopened(@TempDir Path dir) {
		String file = dir.resolve("indexed.mv").toString();
		MongoCollection<Document> expected = referenceCollection("reopened");
		try (Server server = Server.start(IndexedH2Backend.file(file, 16))) {
			MongoCollection<Document> collection = server.collection("reopened");
			collection.createIndexes(INDEXES);
			collection.insertMany(REGISTRATIONS.subList(0, PERSISTED));
		}
		try (Server server = Server.start(IndexedH2Backend.file(file, 16))) {
			Both<MongoCollection<Document>> collections = new Both<>(server.collection("reopened"), expected);
			assertBothFind(collections, Filters.eq("eventId", "event-03"), Filters.in("seats", 4, 5L),
					Filters.regex("terms", "^ab"), Filters.eq("venue.country", "FR"));
			assertSameResult(collections, (collection) -> collection.updateMany(Filters.eq("eventId", "event-03"),
					Updates.combine(Updates.set("eventId", "event-reopened"), Updates.push("terms", "reopened"))));
		}
		try (Server server = Server.start(IndexedH2Backend.file(file, 16))) {
			Both<MongoCollection<Document>> collections = new Both<>(server.collection("reopened"), expected);
			assertNeitherFinds(collections, Filters.eq("eventId", "event-03"));
			assertBothFind(collections, Filters.eq("eventId", "event-reopened"), Filters.regex("terms", "^reo"));
			assertWholeCollectionsEqual(collections);
		}
	}

	@Test
	void aFileWrittenByThePlainH2BackendGetsItsIndexBuiltWhenOpened(@TempDir Path dir) {
		String file = dir.resolve("plain.mv").toString();
		MongoCollection<Document> expected = referenceCollection("plain");
		try (Server server = Server.start(new H2Backend(file))) {
			MongoCollection<Document> collection = server.collection("plain");
			collection.createIndexes(INDEXES);
			collection.insertMany(REGISTRATIONS.subList(0, PERSISTED));
		}
		try (Server server = Server.start(IndexedH2Backend.file(file, 16))) {
			Both<MongoCollection<Document>> collections = new Both<>(server.collection("plain"), expected);
			assertBothFind(collections, Filters.eq("eventId", "event-03"), Filters.in("seats", 4, 5L),
					Filters.regex("terms", "^ab"), Filters.eq("venue.country", "FR"),
					Filters.eq("companyId", COMPANIES.get(0)));
			IndexedH2Collection collection = (IndexedH2Collection) server.backend().resolveDatabase(DATABASE)
				.resolveCollection("plain", true);
			assertThat(collection.candidates(query("eventId", "event-03")))
				.hasSize(count(expected, Filters.eq("eventId", "event-03")));
		}
	}

	/**
	 * The server's own unique indexes (keyed by Java-serialized objects, which H2 serializes again for
	 * every comparison) are replaced once by string-keyed ones when such a file opens: the old maps are
	 * gone, the new ones hold every key, and lookups and duplicate refusals answer as before; a file the
	 * plain backend wrote to again in between gets them built anew, its new documents included.
	 */
	@Test
	void uniqueIndexesOfAFileWrittenByThePlainH2BackendAreRebuiltKeyedByStrings(@TempDir Path dir) {
		String file = dir.resolve("plain-unique.mv").toString();
		MongoCollection<Document> expected = referenceCollection("plain-unique");
		try (Server server = Server.start(new H2Backend(file))) {
			MongoCollection<Document> collection = server.collection("plain-unique");
			collection.createIndexes(INDEXES);
			collection.insertMany(REGISTRATIONS.subList(0, PERSISTED));
		}
		for (int round = 0; round < 2; round++) {
			try (Server server = Server.start(IndexedH2Backend.file(file, 16))) {
				Both<MongoCollection<Document>> collections = new Both<>(server.collection("plain-unique"), expected);
				MVStore store = ((IndexedH2Backend) server.backend()).getMvStore();
				String namespace = DATABASE + ".plain-unique.";
				assertThat(store.getMapNames()).doesNotContain(namespace + "_index__id_", namespace + "_index_eventId_1_ticket_1")
					.contains(namespace + "_unique__id_", namespace + "_unique_eventId_1_ticket_1");
				assertThat(store.openMap(namespace + "_unique__id_").sizeAsLong()).isEqualTo(expected.countDocuments());
				assertThat(store.openMap(namespace + "_unique_eventId_1_ticket_1").sizeAsLong())
					.isEqualTo(expected.countDocuments());
				Document first = REGISTRATIONS.get(1);
				assertBothFind(collections, Filters.eq("_id", first.get("_id")),
						Filters.in("_id", REGISTRATIONS.get(2).get("_id"), REGISTRATIONS.get(3).get("_id")),
						Filters.and(Filters.eq("eventId", first.get("eventId")), Filters.eq("ticket", first.get("ticket"))));
				Document duplicate = new Document("eventId", first.get("eventId")).append("ticket", first.get("ticket"));
				Both<Object> refused = collections.map((collection) -> insertOutcome(collection, duplicate));
				assertThat(refused.indexed()).isEqualTo(refused.reference()).isEqualTo("error 11000");
				Both<Object> taken = collections.map((collection) -> insertOutcome(collection, new Document(first)));
				assertThat(taken.indexed()).isEqualTo(taken.reference()).isEqualTo("error 11000");
			}
			Document added = new Document("_id", new ObjectId(0x7f000000, round)).append("eventId", "event-added")
				.append("ticket", "added-" + round);
			try (Server server = Server.start(new H2Backend(file))) {
				server.collection("plain-unique").insertOne(added);
			}
			expected.insertOne(added);
		}
		try (Server server = Server.start(IndexedH2Backend.file(file, 16))) {
			Both<MongoCollection<Document>> collections = new Both<>(server.collection("plain-unique"), expected);
			assertBothFind(collections, Filters.eq("_id", new ObjectId(0x7f000000, 1)), Filters.eq("ticket", "added-0"));
			Document again = new Document("eventId", "event-added").append("ticket", "added-1");
			Both<Object> refused = collections.map((collection) -> insertOutcome(collection, again));
			assertThat(refused.indexed()).isEqualTo(refused.reference()).isEqualTo("error 11000");
			assertWholeCollectionsEqual(collections);
		}
	}

	// ---- differential assertions

	/** Each filter finds the same documents on both servers, and on the reference at least one. */
	private void assertBothFind(Both<MongoCollection<Document>> collections, Bson... filters) {
		for (Bson filter : filters) {
			this.softly.assertThat(compareFinds(collections, filter)).as("documents %s finds", json(filter))
				.isPositive();
		}
	}

	/** Each filter finds nothing, on either server. */
	private void assertNeitherFinds(Both<MongoCollection<Document>> collections, Bson... filters) {
		for (Bson filter : filters) {
			this.softly.assertThat(compareFinds(collections, filter)).as("documents %s finds", json(filter))
				.isZero();
		}
	}

	/** The filter finds the same documents (in _id order) on both servers; returns how many the reference finds. */
	private int compareFinds(Both<MongoCollection<Document>> collections, Bson filter) {
		Both<List<Document>> found = collections
			.map((collection) -> collection.find(filter).sort(BY_ID).into(new ArrayList<>()));
		Both<List<Object>> ids = found.map(IndexedH2BackendTest::ids);
		this.softly.assertThat(ids.indexed())
			.withFailMessage("%s finds %d documents on the indexed server, %d on the reference; missing %s, extra %s",
					json(filter), ids.indexed().size(), ids.reference().size(), without(ids.reference(), ids.indexed()),
					without(ids.indexed(), ids.reference()))
			.isEqualTo(ids.reference());
		if (ids.indexed().equals(ids.reference())) {
			this.softly.assertThat(found.indexed()).as("documents %s finds", json(filter)).isEqualTo(found.reference());
		}
		return found.reference().size();
	}

	/** A write answers the same on both servers. */
	private static void assertSameResult(Both<MongoCollection<Document>> collections,
			Function<MongoCollection<Document>, Object> write) {
		Both<Object> result = collections.map(write);
		assertThat(result.indexed()).isEqualTo(result.reference());
		if (result.reference() instanceof UpdateResult update) {
			assertThat(update.getMatchedCount()).as("documents the update matched").isPositive();
		}
	}

	private static void assertWholeCollectionsEqual(Both<MongoCollection<Document>> collections) {
		Both<List<Document>> all = collections
			.map((collection) -> collection.find().sort(BY_ID).into(new ArrayList<>()));
		assertThat(all.indexed()).isEqualTo(all.reference());
	}

	private static de.bwaldvogel.mongo.bson.Document query(String field, Object value) {
		return new de.bwaldvogel.mongo.bson.Document(field, value);
	}

	private static de.bwaldvogel.mongo.bson.BsonRegularExpression regex(String pattern) {
		return new de.bwaldvogel.mongo.bson.BsonRegularExpression(pattern, "");
	}

	private static int count(MongoCollection<Document> collection, Bson filter) {
		return (int) collection.countDocuments(filter);
	}

	private static List<Object> ids(Collection<Document> documents) {
		return documents.stream().map((document) -> document.get("_id")).toList();
	}

	/** The first few of these ids that are not among those (enough to tell what an answer lacks). */
	private static List<Object> without(List<Object> these, List<Object> those) {
		return these.stream().filter((id) -> !those.contains(id)).limit(5).toList();
	}

	/**
	 * A distinct value with numbers compared by value: distinct keeps the first of several equal numbers
	 * it meets (5, 5L or 5.0), and an indexed query meets the documents in another order than a scan.
	 */
	private static Object byValue(BsonValue value) {
		return (value != null && value.isNumber()) ? (Object) value.asNumber().doubleValue() : value;
	}

	private static String json(Bson filter) {
		return filter.toBsonDocument().toJson();
	}

	private static String json(List<Bson> pipeline) {
		return pipeline.stream().map(IndexedH2BackendTest::json).toList().toString();
	}

	private static Both<MongoDatabase> databases() {
		return new Both<>(indexed.client().getDatabase(DATABASE), reference.client().getDatabase(DATABASE));
	}

	// ---- servers and data

	/** A collection of this name on both servers, with the indexes and the documents. */
	private static Both<MongoCollection<Document>> loaded(String name, int count) {
		Both<MongoCollection<Document>> collections = new Both<>(indexed.collection(name), reference.collection(name));
		collections.map((collection) -> collection.createIndexes(INDEXES));
		collections.map((collection) -> collection.insertMany(REGISTRATIONS.subList(0, count)));
		return collections;
	}

	/** The reference server's copy of what a file-backed test writes: the first documents. */
	private static MongoCollection<Document> referenceCollection(String name) {
		MongoCollection<Document> collection = reference.collection(name);
		collection.createIndexes(INDEXES);
		collection.insertMany(REGISTRATIONS.subList(0, PERSISTED));
		return collection;
	}

	private static List<Document> registrations(int count) {
		Random random = new Random(SEED);
		List<Document> documents = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ObjectId id = new ObjectId(String.format("%08x%016x", 0x6a000000 + i, random.nextLong()));
			Document document = new Document("_id", id);
			int roll = random.nextInt(100);
			if (roll < 92) {
				document.put("eventId", String.format("event-%02d", random.nextInt(40)));
			}
			else if (roll < 95) {
				document.put("eventId", null);
			}
			else if (roll < 97) {
				document.put("eventId", COMPANIES.get(random.nextInt(COMPANIES.size())));
			}
			document.put("ticket", "T" + i);
			if (random.nextInt(100) < 95) {
				document.put("registeredAt", DAYS.get(random.nextInt(DAYS.size())));
			}
			roll = random.nextInt(100);
			if (roll < 60) {
				document.put("checkedInAt", null);
			}
			else if (roll < 80) {
				document.put("checkedInAt", DAYS.get(random.nextInt(DAYS.size())));
			}
			roll = random.nextInt(100);
			if (roll < 90) {
				document.put("draft", roll < 45);
			}
			else if (roll < 93) {
				document.put("draft", null);
			}
			else if (roll < 97) {
				document.put("draft", roll % 2);
			}
			document.put("seats", seats(random));
			document.put("companyId", company(random));
			roll = random.nextInt(100);
			if (roll < 90) {
				document.put("label", WORDS.get(random.nextInt(WORDS.size())));
			}
			else if (roll < 92) {
				document.put("label", new Binary(new byte[] { (byte) roll }));
			}
			else if (roll < 93) {
				document.put("label", new BsonTimestamp(i, 1));
			}
			document.put("terms", terms(random));
			document.put("venue", venue(random));
			document.put("amount", random.nextInt(4000) / 4.0);
			document.values().removeIf(Missing.class::isInstance);
			documents.add(document);
		}
		return List.copyOf(documents);
	}

	/** The same logical numbers as int, long, double and decimal; halves, huge longs, NaN, strings, nulls. */
	private static Object seats(Random random) {
		int n = random.nextInt(16);
		int roll = random.nextInt(100);
		if (roll < 25) {
			return n;
		}
		if (roll < 50) {
			return (long) n;
		}
		if (roll < 75) {
			return (double) n;
		}
		if (roll < 78) {
			return new Decimal128(n);
		}
		if (roll < 82) {
			return n + 0.5;
		}
		if (roll < 84) {
			return TWO_TO_53 + 1;
		}
		if (roll < 85) {
			return (double) TWO_TO_53;
		}
		if (roll < 86) {
			return Double.NaN;
		}
		if (roll < 87) {
			return -0.0;
		}
		if (roll < 90) {
			return String.valueOf(n);
		}
		return (roll < 95) ? null : Missing.VALUE;
	}

	private static Object company(Random random) {
		ObjectId company = COMPANIES.get(random.nextInt(COMPANIES.size()));
		int roll = random.nextInt(100);
		if (roll < 75) {
			return company;
		}
		if (roll < 83) {
			return company.toHexString();
		}
		return (roll < 90) ? null : Missing.VALUE;
	}

	/** Mostly arrays of distinct words, some empty, some a single string, some missing. */
	private static Object terms(Random random) {
		int roll = random.nextInt(100);
		if (roll < 8) {
			return Missing.VALUE;
		}
		if (roll < 18) {
			return List.of();
		}
		if (roll < 20) {
			return WORDS.get(random.nextInt(WORDS.size()));
		}
		List<String> terms = new ArrayList<>();
		int size = 1 + random.nextInt(4);
		while (terms.size() < size) {
			String word = WORDS.get(random.nextInt(WORDS.size()));
			if (!terms.contains(word)) {
				terms.add(word);
			}
		}
		return terms;
	}

	/** Embedded documents, a few arrays of them, a few with an array of countries, nulls and missing. */
	private static Object venue(Random random) {
		String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
		String other = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
		String city = List.of("Berlin", "Paris", "Basel", "Vienna", "Austin").get(random.nextInt(5));
		int roll = random.nextInt(100);
		if (roll < 55) {
			return new Document("country", country).append("city", city);
		}
		if (roll < 65) {
			return new Document("city", city);
		}
		if (roll < 75) {
			return List.of(new Document("country", country), new Document("country", other).append("city", city));
		}
		if (roll < 83) {
			return new Document("country", List.of(country, other));
		}
		if (roll < 87) {
			return new Document("country", null);
		}
		return (roll < 92) ? null : Missing.VALUE;
	}

	private static List<ObjectId> objectIds(int timestamp, int count) {
		List<ObjectId> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(new ObjectId(timestamp + i, i));
		}
		return List.copyOf(ids);
	}

	private static List<Date> days() {
		List<Date> days = new ArrayList<>();
		for (int day = 0; day < 20; day++) {
			days.add(new Date(BASE_MILLIS + day * 86_400_000L + ((day % 3) * 3_600_000L)));
		}
		return List.copyOf(days);
	}

	/** Marks a field to leave out of a generated document. */
	private enum Missing {

		VALUE

	}

	/** One answer from each server. */
	private record Both<T>(T indexed, T reference) {

		<R> Both<R> map(Function<T, R> function) {
			return new Both<>(function.apply(this.indexed), function.apply(this.reference));
		}

	}

	/** A mongo-java-server on 127.0.0.1 and a driver connected to it. */
	private record Server(MongoServer server, MongoBackend backend, MongoClient client) implements AutoCloseable {

		static Server start(MongoBackend backend) {
			MongoServer server = new MongoServer(backend);
			server.bind("127.0.0.1", 0);
			var address = server.getLocalAddress();
			MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
			return new Server(server, backend, client);
		}

		MongoCollection<Document> collection(String name) {
			return this.client.getDatabase(DATABASE).getCollection(name);
		}

		@Override
		public void close() {
			this.client.close();
			this.server.shutdown();
		}

	}

}
