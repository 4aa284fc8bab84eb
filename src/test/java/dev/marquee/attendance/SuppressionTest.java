package dev.marquee.attendance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The complementary suppression rule of one sum, at the default threshold of 5. */
class SuppressionTest {

	private final Suppression suppression = new Suppression(5);

	@Test
	void nothingIsHiddenWhenEveryPartReachesTheThreshold() {
		assertThat(this.suppression.hide(new int[] { 5, 9, 12 })).containsExactly(false, false, false);
	}

	@Test
	void aSmallPartIsHiddenWithTheNextSmallestNonZeroPart() {
		assertThat(this.suppression.hide(new int[] { 20, 3, 0, 7, 9 })).containsExactly(false, true, false, true, false);
	}

	@Test
	void twoSmallPartsProtectEachOther() {
		assertThat(this.suppression.hide(new int[] { 5, 4, 1 })).containsExactly(false, true, true);
	}

	@Test
	void hiddenPartsThatCouldOnlyBeOnesGetAnotherPartHidden() {
		assertThat(this.suppression.hide(new int[] { 1, 1, 8, 6 })).containsExactly(true, true, false, true);
	}

	@Test
	void zerosAreShownAndNeverUsedAsProtection() {
		assertThat(this.suppression.hide(new int[] { 0, 2, 0, 30 })).containsExactly(false, true, false, true);
		assertThat(this.suppression.hide(new int[] { 0, 0, 6 })).containsExactly(false, false, false);
	}

	@Test
	void aHiddenTotalNeedsAHiddenPart() {
		boolean[] none = new boolean[3];
		assertThat(this.suppression.hide(new int[] { 7, 9, 6 }, true, none)).containsExactly(false, false, true);
		assertThat(this.suppression.hide(new int[] { 7, 2, 6 }, true, none)).containsExactly(false, true, false);
	}

	@Test
	void anUnpublishedPartCountsAsHiddenUnlessZero() {
		boolean[] lastUnpublished = { false, false, true };
		assertThat(this.suppression.hide(new int[] { 3, 20, 4 }, false, lastUnpublished)).containsExactly(true, false,
				true);
		assertThat(this.suppression.hide(new int[] { 3, 20, 0 }, false, lastUnpublished)).containsExactly(true, true,
				false);
	}

	@Test
	void aSumWithOneNonZeroPartHidesItAndCanDoNoMore() {
		assertThat(this.suppression.hide(new int[] { 0, 3 })).containsExactly(false, true);
	}

	@Test
	void aThresholdOfOneOrLessHidesNothing() {
		assertThat(new Suppression(1).hide(new int[] { 1, 0, 4 })).containsExactly(false, false, false);
	}

}
