package dev.marquee.attendance;

import java.util.Comparator;

/** A problem at a line and column of an imported file (both 1-based; the header is line 1). */
record LineError(int line, int column, String message) {

	/** Errors are answered in the order they appear in the file. */
	static final Comparator<LineError> IN_FILE_ORDER = Comparator.comparingInt(LineError::line)
		.thenComparingInt(LineError::column);

}
