package dev.marquee.attendance;

/**
 * Complementary suppression of one published sum (total = Σ parts), as statistical offices do it, for
 * callers who do not organize the series. The rule, applied to every breakdown:
 * <ol>
 * <li>A part from 1 to {@code minCell − 1} is hidden (primary suppression).</li>
 * <li>A zero is shown, never hidden and never counted as protection: that nobody of a kind came points
 * at nobody, and a caller may know it anyway (zero rows are left out of lists), so a hidden zero would
 * protect nothing.</li>
 * <li>If that leaves exactly one unknown in the sum (one hidden part under a published total, or a hidden
 * total whose parts are all shown), the smallest shown non-zero part is hidden too, and again until at
 * least two unknowns remain (complementary suppression).</li>
 * <li>If the hidden parts under a published total hold exactly as many people as there are of them,
 * each would be 1 for a caller who knows the zeros: the next-smallest part is hidden too.</li>
 * </ol>
 * Parts that are never published (people without a company, under an edition's check-in total) take part
 * as hidden when not zero. When a sum has too few non-zero parts to hide (its only non-zero part is the
 * published total itself), what is left hidden may still equal the total: totals stay public.
 * <p>
 * Within a tree of sums where each hidden cell is a part of one sum and at most the total of one other
 * (a company group's subtree counts), two unknowns in every sum that has any are enough: no hidden cell
 * is then a linear combination of published numbers. Callers decide sums from the top down, passing a
 * hidden total on as {@code totalHidden}.
 */
final class Suppression {

	private final int minCell;

	Suppression(int minCell) {
		this.minCell = minCell;
	}

	/** The parts of a published total to hide. */
	boolean[] hide(int[] parts) {
		return hide(parts, false, new boolean[parts.length]);
	}

	/**
	 * The parts of one sum to hide.
	 * @param parts the sum's parts, none negative
	 * @param totalHidden whether the sum itself is hidden (as a part of a sum above it)
	 * @param unpublished parts never shown to anyone: hidden whenever they are not zero
	 * @return for each part, whether it is hidden
	 */
	boolean[] hide(int[] parts, boolean totalHidden, boolean[] unpublished) {
		boolean[] hidden = new boolean[parts.length];
		for (int i = 0; i < parts.length; i++) {
			hidden[i] = parts[i] > 0 && (unpublished[i] || parts[i] < this.minCell);
		}
		while (needsAnother(parts, hidden, totalHidden)) {
			int next = smallestShown(parts, hidden);
			if (next < 0) {
				break;
			}
			hidden[next] = true;
		}
		return hidden;
	}

	/** One count shown or hidden: null when hidden. */
	static Integer shown(int count, boolean hidden) {
		return hidden ? null : count;
	}

	private static boolean needsAnother(int[] parts, boolean[] hidden, boolean totalHidden) {
		int count = 0;
		long people = 0;
		for (int i = 0; i < parts.length; i++) {
			if (hidden[i]) {
				count++;
				people += parts[i];
			}
		}
		int unknowns = count + (totalHidden ? 1 : 0);
		if (unknowns == 1) {
			return true;
		}
		return !totalHidden && count >= 2 && people == count;
	}

	private static int smallestShown(int[] parts, boolean[] hidden) {
		int best = -1;
		for (int i = 0; i < parts.length; i++) {
			if (!hidden[i] && parts[i] > 0 && (best < 0 || parts[i] < parts[best])) {
				best = i;
			}
		}
		return best;
	}

}
