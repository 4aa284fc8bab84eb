package dev.marquee.attendance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.marquee.company.Company;
import dev.marquee.event.AudienceSegment;

/**
 * An attacker's view of the analytics: the published cells of the {@code everySeriesAnalytics} and
 * {@code everyCompanyAttendance} answers of an outsider, checked against the exact answers of an admin.
 * Every published sum (registered = Σ segments; attendees = returning + newcomers; an edition's check-ins
 * = Σ groups' subtree counts + people without a company, who are never published; a company's subtree
 * count = its own + Σ its subsidiaries' subtree counts) becomes a linear equation over the hidden cells.
 * A hidden cell is disclosed when it is a linear combination of published numbers (every subtraction,
 * and every combination of them, at once: the cell's unit vector lies in the row space of the equations)
 * or when a sum's hidden parts can only all be 1. The attacker is taken to know every zero (a caller may
 * know that nobody of some kind came), so zeros are published cells and hidden ones are at least 1.
 */
final class Disclosure {

	/** Cell name to its exact value, for every cell the outsider does not see. */
	private final Map<String, Integer> hidden = new TreeMap<>();

	/** Cell name to its value, for every cell the outsider sees (or knows to be zero). */
	private final Map<String, Integer> known = new HashMap<>();

	/** Each equation: cell name to coefficient; Σ coefficient × cell = 0. */
	private final List<Map<String, Integer>> sums = new ArrayList<>();

	/** Published numbers that differ from the exact ones, or counts below the threshold left shown. */
	private final List<String> wrong = new ArrayList<>();

	private final int minCell;

	private Disclosure(int minCell) {
		this.minCell = minCell;
	}

	/**
	 * @param outsiderSeries {@code seriesList.nodes} of everySeriesAnalytics, for the outsider
	 * @param exactSeries the same for an admin
	 * @param outsiderCompanies {@code companies.nodes} of everyCompanyAttendance, for the outsider
	 * @param exactCompanies the same for an admin
	 * @param companies every company document (their parents)
	 */
	static Disclosure of(int minCell, List<Map<String, Object>> outsiderSeries, List<Map<String, Object>> exactSeries,
			List<Map<String, Object>> outsiderCompanies, List<Map<String, Object>> exactCompanies,
			List<Company> companies) {
		Disclosure disclosure = new Disclosure(minCell);
		disclosure.series(bySlug(outsiderSeries), bySlug(exactSeries));
		disclosure.companies(bySlug(outsiderCompanies), bySlug(exactCompanies), companies);
		return disclosure;
	}

	/** Hidden cells (with their exact values) that the published numbers determine. */
	Map<String, Integer> disclosed() {
		List<String> unknowns = new ArrayList<>(this.hidden.keySet());
		Map<String, Integer> column = new HashMap<>();
		for (int i = 0; i < unknowns.size(); i++) {
			column.put(unknowns.get(i), i);
		}
		Map<String, Integer> disclosed = new LinkedHashMap<>();
		List<double[]> rows = new ArrayList<>();
		for (Map<String, Integer> sum : this.sums) {
			double[] row = new double[unknowns.size()];
			int count = 0;
			int allPlus = 0;
			long residual = 0;
			for (Map.Entry<String, Integer> term : sum.entrySet()) {
				Integer at = column.get(term.getKey());
				if (at != null) {
					row[at] += term.getValue();
					count++;
					allPlus += (term.getValue() > 0) ? 1 : -1;
				}
				else {
					residual -= (long) term.getValue() * this.known.get(term.getKey());
				}
			}
			if (count > 0) {
				rows.add(row);
			}
			// every hidden cell is at least 1; k of them on one side summing to k are all 1
			if (count > 0 && Math.abs(allPlus) == count && Math.abs(residual) == count) {
				sum.keySet().stream().filter(column::containsKey).forEach((c) -> disclosed.put(c, this.hidden.get(c)));
			}
		}
		for (int pivot : unitRows(rows, unknowns.size())) {
			disclosed.put(unknowns.get(pivot), this.hidden.get(unknowns.get(pivot)));
		}
		return disclosed;
	}

	/** Published numbers that are not the exact ones, and shown counts below the threshold. */
	List<String> wrong() {
		return this.wrong;
	}

	/** The hidden cells and their exact values. */
	Map<String, Integer> hidden() {
		return this.hidden;
	}

	// ---- reading the answers -----------------------------------------------------------------------

	private void series(Map<String, Map<String, Object>> outsider, Map<String, Map<String, Object>> exact) {
		for (Map.Entry<String, Map<String, Object>> entry : outsider.entrySet()) {
			Map<String, Object> theirs = entry.getValue();
			Map<String, Object> truth = exact.get(entry.getKey());
			Map<String, Map<String, Object>> exactEditions = bySlug(list(map(truth.get("editions")).get("nodes")));
			for (Map<String, Object> edition : list(map(theirs.get("editions")).get("nodes"))) {
				String e = (String) edition.get("slug");
				Map<String, Object> seen = map(edition.get("attendance"));
				Map<String, Object> real = map(exactEditions.get(e).get("attendance"));
				publish("registered:" + e, (Integer) seen.get("registered"), (Integer) real.get("registered"), false);
				publish("checkedIn:" + e, (Integer) seen.get("checkedIn"), (Integer) real.get("checkedIn"), false);
				segments(e, list(seen.get("segments")), list(real.get("segments")));
			}
			Map<String, Map<String, Object>> exactMix = byEvent(list(truth.get("audienceMix")));
			for (Map<String, Object> mix : list(theirs.get("audienceMix"))) {
				String e = eventSlug(mix);
				publish("registered:" + e, (Integer) mix.get("total"), (Integer) exactMix.get(e).get("total"), false);
				segments(e, list(mix.get("segments")), list(exactMix.get(e).get("segments")));
			}
			Map<String, Map<String, Object>> exactPoints = byEvent(list(truth.get("returningAttendance")));
			for (Map<String, Object> point : list(theirs.get("returningAttendance"))) {
				String e = eventSlug(point);
				Map<String, Object> real = exactPoints.get(e);
				publish("checkedIn:" + e, (Integer) point.get("attendees"), (Integer) real.get("attendees"), false);
				publish("returning:" + e, (Integer) point.get("returning"), (Integer) real.get("returning"), true);
				publish("newcomers:" + e, (Integer) point.get("newcomers"), (Integer) real.get("newcomers"), true);
				this.sums.add(Map.of("checkedIn:" + e, -1, "returning:" + e, 1, "newcomers:" + e, 1));
			}
		}
	}

	private void segments(String e, List<Map<String, Object>> seen, List<Map<String, Object>> real) {
		Map<String, Integer> shown = new HashMap<>();
		seen.forEach((s) -> shown.put((String) s.get("segment"), (Integer) s.get("count")));
		Map<String, Integer> exact = new HashMap<>();
		real.forEach((s) -> exact.put((String) s.get("segment"), (Integer) s.get("count")));
		Map<String, Integer> sum = new HashMap<>();
		sum.put("registered:" + e, -1);
		for (AudienceSegment segment : AudienceSegment.values()) {
			String name = segment.name();
			publish("segment:" + e + ":" + name, shown.get(name), exact.getOrDefault(name, 0), true);
			sum.put("segment:" + e + ":" + name, 1);
		}
		this.sums.add(sum);
	}

	private void companies(Map<String, Map<String, Object>> outsider, Map<String, Map<String, Object>> exact,
			List<Company> companies) {
		Map<Object, String> slugs = new HashMap<>();
		companies.forEach((c) -> slugs.put(c.id(), c.slug()));
		Map<String, List<String>> children = new HashMap<>();
		List<String> tops = new ArrayList<>();
		for (Company company : companies) {
			if (company.parentId() == null) {
				tops.add(company.slug());
			}
			else {
				children.computeIfAbsent(slugs.get(company.parentId()), (p) -> new ArrayList<>()).add(company.slug());
			}
		}
		Set<String> editions = new HashSet<>();
		this.known.keySet().stream().filter((c) -> c.startsWith("checkedIn:")).forEach((c) -> editions.add(c.substring(10)));
		this.hidden.keySet().stream().filter((c) -> c.startsWith("checkedIn:")).forEach((c) -> editions.add(c.substring(10)));
		for (String slug : slugs.values()) {
			Map<String, Map<String, Object>> ownSeen = byEvent(list(outsider.get(slug).get("own")));
			Map<String, Map<String, Object>> ownReal = byEvent(list(exact.get(slug).get("own")));
			Map<String, Map<String, Object>> groupSeen = byEvent(list(outsider.get(slug).get("group")));
			Map<String, Map<String, Object>> groupReal = byEvent(list(exact.get(slug).get("group")));
			for (String e : editions) {
				publish("own:" + slug + ":" + e, attendees(ownSeen.get(e)), exactAttendees(ownReal.get(e)), true);
				publish("subtree:" + slug + ":" + e, attendees(groupSeen.get(e)), exactAttendees(groupReal.get(e)), true);
				Map<String, Integer> sum = new HashMap<>();
				sum.put("subtree:" + slug + ":" + e, -1);
				sum.put("own:" + slug + ":" + e, 1);
				children.getOrDefault(slug, List.of()).forEach((child) -> sum.put("subtree:" + child + ":" + e, 1));
				this.sums.add(sum);
			}
		}
		for (String e : editions) {
			int none = value("checkedIn:" + e);
			Map<String, Integer> sum = new HashMap<>();
			sum.put("checkedIn:" + e, -1);
			for (String top : tops) {
				sum.put("subtree:" + top + ":" + e, 1);
				none -= value("subtree:" + top + ":" + e);
			}
			// people checked in without a company: never published to anyone
			if (none == 0) {
				this.known.put("withoutCompany:" + e, 0);
			}
			else {
				this.hidden.put("withoutCompany:" + e, none);
			}
			sum.put("withoutCompany:" + e, 1);
			this.sums.add(sum);
		}
	}

	private void publish(String cell, Integer shown, Integer exact, boolean breakdown) {
		int truth = (exact != null) ? exact : 0;
		if (shown != null) {
			if (shown != truth) {
				this.wrong.add(cell + " shown as " + shown + ", is " + truth);
			}
			if (breakdown && truth > 0 && truth < this.minCell) {
				this.wrong.add(cell + " = " + truth + " is below the threshold but shown");
			}
		}
		Integer before = this.known.containsKey(cell) ? this.known.get(cell) : this.hidden.get(cell);
		if (shown != null || truth == 0) {
			this.hidden.remove(cell);
			this.known.put(cell, truth);
		}
		else if (!this.known.containsKey(cell)) {
			this.hidden.put(cell, truth);
		}
		if (before != null && before != truth) {
			this.wrong.add(cell + " is " + before + " in one answer and " + truth + " in another");
		}
	}

	private int value(String cell) {
		return this.known.containsKey(cell) ? this.known.get(cell) : this.hidden.get(cell);
	}

	// ---- linear algebra ----------------------------------------------------------------------------

	/**
	 * Columns whose unit vector lies in the row space: after reduction to row echelon form, exactly the
	 * rows with a single non-zero entry.
	 */
	private static List<Integer> unitRows(List<double[]> rows, int columns) {
		double[][] m = rows.toArray(new double[0][]);
		int rank = 0;
		List<Integer> pivots = new ArrayList<>();
		for (int col = 0; col < columns && rank < m.length; col++) {
			int best = -1;
			for (int r = rank; r < m.length; r++) {
				if (Math.abs(m[r][col]) > 1e-9 && (best < 0 || Math.abs(m[r][col]) > Math.abs(m[best][col]))) {
					best = r;
				}
			}
			if (best < 0) {
				continue;
			}
			double[] swap = m[rank];
			m[rank] = m[best];
			m[best] = swap;
			double p = m[rank][col];
			for (int c = 0; c < columns; c++) {
				m[rank][c] /= p;
			}
			for (int r = 0; r < m.length; r++) {
				if (r != rank && Math.abs(m[r][col]) > 1e-9) {
					double f = m[r][col];
					for (int c = 0; c < columns; c++) {
						m[r][c] -= f * m[rank][c];
					}
				}
			}
			pivots.add(col);
			rank++;
		}
		List<Integer> units = new ArrayList<>();
		for (int r = 0; r < rank; r++) {
			int nonZero = 0;
			for (int c = 0; c < columns; c++) {
				if (Math.abs(m[r][c]) > 1e-9) {
					nonZero++;
				}
			}
			if (nonZero == 1) {
				units.add(pivots.get(r));
			}
		}
		return units;
	}

	// ---- JSON helpers ------------------------------------------------------------------------------

	private static Integer attendees(Map<String, Object> row) {
		return (row != null) ? (Integer) row.get("attendees") : Integer.valueOf(0);
	}

	private static Integer exactAttendees(Map<String, Object> row) {
		return (row != null) ? (Integer) row.get("attendees") : null;
	}

	private static String eventSlug(Map<String, Object> row) {
		return (String) map(row.get("event")).get("slug");
	}

	private static Map<String, Map<String, Object>> byEvent(List<Map<String, Object>> rows) {
		Map<String, Map<String, Object>> byEvent = new HashMap<>();
		rows.forEach((row) -> byEvent.put(eventSlug(row), row));
		return byEvent;
	}

	private static Map<String, Map<String, Object>> bySlug(List<Map<String, Object>> rows) {
		Map<String, Map<String, Object>> bySlug = new HashMap<>();
		rows.forEach((row) -> bySlug.put((String) row.get("slug"), row));
		return bySlug;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

}
