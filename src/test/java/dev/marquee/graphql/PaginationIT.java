package dev.marquee.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.marquee.event.Event;
import dev.marquee.event.EventOrder;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relay pagination at its edges, for the top-level connections and the nested ones (whose pages are
 * cut by the DataLoaders in more than one way).
 */
class PaginationIT extends IntegrationTest {

	record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	record Page(List<String> keys, List<String> cursors, PageInfo pageInfo, int totalCount) {
	}

	// ---- top level -------------------------------------------------------------------------------

	@Test
	void emptyResultHasNoEdgesNoCursorsAndNoNextPage() {
		Page page = page("eventsPage", "events", Map.of(), 5, null);

		assertThat(page.keys()).isEmpty();
		assertThat(page.pageInfo()).isEqualTo(new PageInfo(false, false, null, null));
		assertThat(page.totalCount()).isZero();
	}

	@Test
	void exactLastPageHasNoNextPage() {
		sevenEvents();

		Page whole = page("eventsPage", "events", Map.of(), 7, null);
		assertThat(whole.keys()).hasSize(7);
		assertThat(whole.pageInfo().hasNextPage()).isFalse();

		Page first = page("eventsPage", "events", Map.of(), 4, null);
		Page last = page("eventsPage", "events", Map.of(), 3, first.pageInfo().endCursor());
		assertThat(first.pageInfo().hasNextPage()).isTrue();
		assertThat(last.keys()).hasSize(3);
		assertThat(last.pageInfo().hasNextPage()).isFalse();
		assertThat(last.pageInfo().hasPreviousPage()).isTrue();
	}

	@Test
	void firstZeroAnswersNoEdgesButTheTotalAndWhetherRowsFollow() {
		sevenEvents();

		Page page = page("eventsPage", "events", Map.of(), 0, null);

		assertThat(page.keys()).isEmpty();
		assertThat(page.totalCount()).isEqualTo(7);
		assertThat(page.pageInfo().hasNextPage()).as("Relay: more edges exist than first (0)").isTrue();
	}

	static Stream<Arguments> eventOrders() {
		return Stream.of(
				Arguments.of(EventOrder.START_ASC, List.of("delta", "alpha", "alpha-accent", "bravo", "charlie", "echo", "bravo-lower")),
				Arguments.of(EventOrder.START_DESC, List.of("bravo-lower", "echo", "charlie", "bravo", "alpha-accent", "alpha", "delta")),
				Arguments.of(EventOrder.NAME_ASC, List.of("alpha", "alpha-accent", "bravo", "bravo-lower", "charlie", "delta", "echo")));
	}

	@ParameterizedTest
	@MethodSource("eventOrders")
	void walkingEveryPageOfEventsCollectsEveryRowOnceInOrder(EventOrder order, List<String> expected) {
		sevenEvents();

		for (int pageSize : new int[] { 1, 2, 3, 7 }) {
			assertThat(walk("eventsPage", "events", Map.of("orderBy", order.name()), pageSize))
				.as("%s in pages of %d", order, pageSize)
				.containsExactlyElementsOf(expected);
		}
	}

	@Test
	void walkingEveryPageOfCompaniesCollectsEveryRowOnceInOrder() {
		this.fixtures.company("zeta", "Zeta Films");
		this.fixtures.company("eclair", "Éclair");
		this.fixtures.company("eclair-2", "eclair");
		this.fixtures.company("able", "Able Post");
		this.fixtures.company("mid", "Midway");

		assertThat(walk("companiesPage", "companies", Map.of(), 2)).containsExactly("able", "eclair", "eclair-2", "mid",
				"zeta");
	}

	@Test
	void walkingEveryPageOfSeriesCollectsEveryRowOnceInOrder() {
		this.fixtures.series("s-c", "Cinema Summit");
		this.fixtures.series("s-a", "AI on the Lot");
		this.fixtures.series("s-b", "Broadcast Days");
		this.fixtures.series("s-a2", "ai on the lot");

		assertThat(walk("seriesListPage", "seriesList", Map.of(), 3)).containsExactly("s-a", "s-a2", "s-b", "s-c");
	}

	@Test
	void cursorOfOneOrderingIsRefusedByAnother() {
		sevenEvents();
		String startCursor = page("eventsPage", "events", Map.of("orderBy", "START_ASC"), 2, null).pageInfo().endCursor();
		String companyCursor = companyCursor();

		for (String order : List.of("START_DESC", "NAME_ASC")) {
			GraphQlTester.Response response = this.graphQl.documentName("eventsPage")
				.variable("orderBy", order)
				.variable("after", startCursor)
				.execute();
			assertOnlyError(response, "BAD_REQUEST", "cursor");
			response.errors().satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("argument", "after"));
		}
		assertOnlyError(this.graphQl.documentName("eventsPage").variable("after", companyCursor).execute(),
				"BAD_REQUEST", "cursor");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "!!!", "c3RhcnR8bm90LWFuLWlkfGQ6MQ", "c3RhcnR8NjU0MDAwMDAwMDAwMDAwMDAwMDAwMDAwfGQ6eHg" })
	void garbageCursorIsRefusedAsBadRequest(String cursor) {
		sevenEvents();

		assertOnlyError(this.graphQl.documentName("eventsPage").variable("after", cursor).execute(), "BAD_REQUEST",
				"cursor");
	}

	/** Well-formed cursors of the right ordering whose sort key has the wrong type (forged by hand). */
	@ParameterizedTest
	@ValueSource(strings = { "c3RhcnR8NjU0MDAwMDAwMDAwMDAwMDAwMDAwMDAwfHM6YWJj", "c3RhcnR8NjU0MDAwMDAwMDAwMDAwMDAwMDAwMDAwfG46NQ",
			"c3RhcnR8NjU0MDAwMDAwMDAwMDAwMDAwMDAwMDAwfHo6" })
	void cursorWithASortKeyOfTheWrongTypeIsABadRequestOnNestedPages(String cursor) {
		EventSeries series = this.fixtures.series("aotl", "AI on the Lot");
		this.fixtures.event(series, "aotl-2025").startsAt("2025-05-01T09:00:00-07:00").create();

		assertOnlyError(this.graphQl.documentName("editionsPage").variable("slug", "aotl").variable("after", cursor)
			.execute(), "BAD_REQUEST", "cursor");
	}

	@ParameterizedTest
	@ValueSource(ints = { 101, -1 })
	void firstOutOfRangeIsRefusedNamingFirst(int first) {
		for (String document : List.of("eventsPage", "companiesPage", "seriesListPage")) {
			GraphQlTester.Response response = this.graphQl.documentName(document).variable("first", first).execute();
			assertOnlyError(response, "BAD_REQUEST", "`first`");
			response.errors().satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("argument", "first"));
		}
		assertOnlyError(this.graphQl.documentName("searchFirst").variable("text", "x").variable("first", first).execute(),
				"BAD_REQUEST", "`first`");
	}

	@Test
	void firstOfOneHundredIsAllowed() {
		sevenEvents();

		assertThat(page("eventsPage", "events", Map.of(), 100, null).keys()).hasSize(7);
	}

	@Test
	void totalCountCountsTheWholeFilteredListNotThePage() {
		sevenEvents();

		assertThat(page("eventsPage", "events", Map.of(), 2, null).totalCount()).isEqualTo(7);
		assertThat(page("eventsPage", "events", Map.of("filter", Map.of("year", 2026)), 2, null).totalCount())
			.isEqualTo(6);
		Page afterFirst = page("eventsPage", "events", Map.of("filter", Map.of("year", 2026)), 2, null);
		assertThat(page("eventsPage", "events", Map.of("filter", Map.of("year", 2026)), 2, afterFirst.pageInfo().endCursor())
			.totalCount()).as("not the rows left after the cursor").isEqualTo(6);
		this.fixtures.company("a", "A");
		this.fixtures.company("b", "Bee");
		assertThat(page("companiesPage", "companies", Map.of(), 1, null).totalCount()).isEqualTo(2);
		assertThat(page("companiesPage", "companies", Map.of("filter", Map.of("nameContains", "bee")), 1, null).totalCount())
			.isEqualTo(1);
	}

	// ---- nested: EventSeries.editions -----------------------------------------------------------

	@Test
	void walkingEveryPageOfEditionsCollectsEveryPublicEditionOnceOldestFirst() {
		EventSeries series = this.fixtures.series("aotl", "AI on the Lot");
		this.fixtures.event(series, "aotl-2025").startsAt("2025-05-01T09:00:00-07:00").create();
		this.fixtures.event(series, "aotl-2023").startsAt("2023-05-01T09:00:00-07:00").create();
		this.fixtures.event(series, "aotl-2027-draft").startsAt("2027-05-01T09:00:00-07:00").draft().create();
		this.fixtures.event(series, "aotl-2026").startsAt("2026-05-01T09:00:00-07:00").create();
		this.fixtures.event(series, "aotl-2024").startsAt("2024-05-01T09:00:00-07:00").create();
		this.fixtures.event(this.fixtures.series("other", "Other"), "other-2020").startsAt("2020-01-01T09:00:00Z").create();

		Map<String, Object> bySlug = Map.of("slug", "aotl");
		assertThat(walk("editionsPage", "series.editions", bySlug, 2)).containsExactly("aotl-2023", "aotl-2024",
				"aotl-2025", "aotl-2026");
		assertThat(page("editionsPage", "series.editions", bySlug, 1, null).totalCount()).isEqualTo(4);

		Page none = page("editionsPage", "series.editions", bySlug, 0, null);
		assertThat(none.keys()).isEmpty();
		assertThat(none.pageInfo().hasNextPage()).isTrue();
		assertOnlyError(this.graphQl.documentName("editionsPage").variables(bySlug).variable("after", "garbage").execute(),
				"BAD_REQUEST", "cursor");
		assertOnlyError(this.graphQl.documentName("editionsPage").variables(bySlug).variable("first", 101).execute(),
				"BAD_REQUEST", "`first`");
	}

	// ---- nested: Event.sessions, one edition and several in the batch ---------------------------

	@ParameterizedTest
	@ValueSource(strings = { "eventSessionsPage", "seriesSessionsPage" })
	void walkingEveryPageOfSessionsCollectsEverySessionOnceInTimeOrder(String document) {
		String connection = programmeOfTwoEditions(document);
		Map<String, Object> slug = Map.of("slug", document.equals("eventSessionsPage") ? "fest-2026" : "fest");

		assertThat(walk(document, connection, slug, 2)).containsExactly("Opening", "VFX panel", "Lunch talk",
				"VFX demo", "Closing", "Unscheduled meetup");
		assertThat(page(document, connection, slug, 2, null).totalCount()).isEqualTo(6);
	}

	@ParameterizedTest
	@ValueSource(strings = { "eventSessionsPage", "seriesSessionsPage" })
	void sessionsOfOneTrackPageByTheirOwnCursorsAndCount(String document) {
		String connection = programmeOfTwoEditions(document);
		Map<String, Object> vfx = Map.of("slug", document.equals("eventSessionsPage") ? "fest-2026" : "fest",
				"trackName", "visual EFFECTS");

		assertThat(walk(document, connection, vfx, 1)).containsExactly("VFX panel", "VFX demo");
		assertThat(page(document, connection, vfx, 1, null).totalCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "eventSessionsPage", "seriesSessionsPage" })
	void sessionsPageEdgesBehaveLikeTopLevelPages(String document) {
		String connection = programmeOfTwoEditions(document);
		Map<String, Object> slug = Map.of("slug", document.equals("eventSessionsPage") ? "fest-2026" : "fest");

		Page none = page(document, connection, slug, 0, null);
		assertThat(none.keys()).isEmpty();
		assertThat(none.pageInfo().hasNextPage()).isTrue();
		Page exact = page(document, connection, slug, 6, null);
		assertThat(exact.keys()).hasSize(6);
		assertThat(exact.pageInfo().hasNextPage()).isFalse();
		Map<String, Object> noSuchTrack = new java.util.HashMap<>(slug);
		noSuchTrack.put("trackName", "nope");
		Page empty = page(document, connection, noSuchTrack, 3, null);
		assertThat(empty.keys()).isEmpty();
		assertThat(empty.pageInfo()).isEqualTo(new PageInfo(false, false, null, null));
		assertThat(empty.totalCount()).isZero();
		// with several editions in the batch, each edition's field fails on its own
		assertEveryError(this.graphQl.documentName(document).variables(slug).variable("first", 2)
			.variable("after", "garbage").execute(), "BAD_REQUEST", "cursor");
		assertEveryError(this.graphQl.documentName(document).variables(slug).variable("first", -1).execute(),
				"BAD_REQUEST", "`first`");
	}

	/** fest-2026 with six sessions over two tracks (one unscheduled), fest-2025 with two. */
	private String programmeOfTwoEditions(String document) {
		EventSeries series = this.fixtures.series("fest", "Fest");
		Event earlier = this.fixtures.event(series, "fest-2025").startsAt("2025-06-01T09:00:00-07:00").create();
		Event event = this.fixtures.event(series, "fest-2026").tracks("Visual effects", "Post").create();
		this.fixtures.session(event, "Unscheduled meetup").create();
		this.fixtures.session(event, "Closing").at(480).create();
		this.fixtures.session(event, "VFX panel").track("Visual effects").at(60).create();
		this.fixtures.session(event, "Opening").at(0).create();
		this.fixtures.session(event, "VFX demo").track("Visual effects").at(300).create();
		this.fixtures.session(event, "Lunch talk").track("Post").at(180).create();
		this.fixtures.session(earlier, "Earlier opening").at(0).create();
		this.fixtures.session(earlier, "Earlier VFX").track("Visual effects").at(30).create();
		return document.equals("eventSessionsPage") ? "event.sessions" : "series.editions.nodes[1].sessions";
	}

	// ---- helpers ---------------------------------------------------------------------------------

	/**
	 * Seven editions with ties on start and on (accent- and case-folded) name, so the id tie-breaker
	 * decides; created in this order, so ids ascend in this order.
	 */
	private void sevenEvents() {
		EventSeries series = this.fixtures.series("seven", "Seven");
		this.fixtures.event(series, "bravo").name("Bravo").startsAt("2026-03-01T10:00:00Z").create();
		this.fixtures.event(series, "alpha").name("alpha").startsAt("2026-01-01T10:00:00Z").create();
		this.fixtures.event(series, "charlie").name("Charlie").startsAt("2026-03-01T10:00:00Z").create();
		this.fixtures.event(series, "alpha-accent").name("Álpha").startsAt("2026-02-01T10:00:00Z").create();
		this.fixtures.event(series, "delta").name("Delta").startsAt("2025-12-01T10:00:00Z").create();
		this.fixtures.event(series, "echo").name("Echo").startsAt("2026-03-01T10:00:00Z").create();
		this.fixtures.event(series, "bravo-lower").name("bravo").startsAt("2026-04-01T10:00:00Z").create();
	}

	private String companyCursor() {
		this.fixtures.company("c1", "C1");
		this.fixtures.company("c2", "C2");
		return page("companiesPage", "companies", Map.of(), 1, null).pageInfo().endCursor();
	}

	private Page page(String document, String connection, Map<String, Object> variables, int first, String after) {
		GraphQlTester.Response response = this.graphQl.documentName(document)
			.variables(variables)
			.variable("first", first)
			.variable("after", after)
			.execute();
		response.errors().verify();
		List<String> keys = response.path(connection + ".edges[*].node.key").entityList(String.class).get();
		List<String> cursors = response.path(connection + ".edges[*].cursor").entityList(String.class).get();
		PageInfo info = response.path(connection + ".pageInfo").entity(PageInfo.class).get();
		int total = response.path(connection + ".totalCount").entity(Integer.class).get();
		if (!keys.isEmpty()) {
			assertThat(info.startCursor()).isEqualTo(cursors.get(0));
			assertThat(info.endCursor()).isEqualTo(cursors.get(cursors.size() - 1));
		}
		assertThat(info.hasPreviousPage()).as("hasPreviousPage is true exactly when `after` was given")
			.isEqualTo(after != null);
		assertThat(keys.size()).isLessThanOrEqualTo(first);
		return new Page(keys, cursors, info, total);
	}

	/** Every key of the connection, page by page, following endCursor until hasNextPage is false. */
	private List<String> walk(String document, String connection, Map<String, Object> variables, int pageSize) {
		List<String> seen = new ArrayList<>();
		String after = null;
		for (int pages = 0; pages < 100; pages++) {
			Page page = page(document, connection, variables, pageSize, after);
			seen.addAll(page.keys());
			if (!page.pageInfo().hasNextPage()) {
				return seen;
			}
			assertThat(page.keys()).as("a page followed by another is full").hasSize(pageSize);
			after = page.pageInfo().endCursor();
		}
		throw new AssertionError("no last page after 100 pages: " + seen);
	}

}
