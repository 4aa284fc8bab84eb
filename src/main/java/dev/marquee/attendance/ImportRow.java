package dev.marquee.attendance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.marquee.event.AudienceSegment;
import dev.marquee.program.Person;

/**
 * One valid row of an attendance file ({@value #COLUMNS}). {@code companyRef} is a company's slug or
 * exact name, null when the cell is empty; {@code checkedInAt} is null for {@code false} (or an empty
 * cell), the file's time for an RFC 3339 time, and the import's time for {@code true}.
 */
record ImportRow(int line, String name, String email, String companyRef, AudienceSegment segment,
		Instant checkedInAt) {

	static final String COLUMNS = "name,email,company,segment,checked_in";

	static final List<String> HEADER = List.of(COLUMNS.split(","));

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	/** The email as rows are matched by: case-insensitive. */
	String emailKey() {
		return Person.emailKey(this.email);
	}

	/** Whether the record is the header, column names compared trimmed and case-insensitively. */
	static boolean isHeader(Csv.Row row) {
		return row != null
				&& row.fields().stream().map((h) -> h.trim().toLowerCase(Locale.ROOT)).toList().equals(HEADER);
	}

	/** A blank line, skipped wherever it is. */
	static boolean isBlank(Csv.Row row) {
		return row.fields().size() == 1 && row.fields().get(0).isBlank();
	}

	/**
	 * The row, or null with every problem of the record added to {@code errors} (one per column that is
	 * wrong). {@code now} is the time a {@code true} check-in gets.
	 */
	static ImportRow parse(Csv.Row row, Instant now, List<LineError> errors) {
		List<String> f = row.fields();
		int line = row.line();
		if (f.size() != HEADER.size()) {
			errors.add(new LineError(line, Math.min(f.size(), HEADER.size()) + 1,
					"Expected " + HEADER.size() + " columns, found " + f.size() + "."));
			return null;
		}
		int before = errors.size();
		String name = Csv.text(f.get(0));
		if (name.isEmpty() || name.length() > 200) {
			errors.add(new LineError(line, 1, "A name is 1 to 200 characters."));
		}
		String email = Csv.text(f.get(1));
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			errors.add(new LineError(line, 2, "`" + email + "` is not an email address."));
		}
		String company = Csv.text(f.get(2));
		AudienceSegment segment = null;
		try {
			segment = AudienceSegment.valueOf(f.get(3).trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(new LineError(line, 4, "`" + f.get(3) + "` is not a segment; use one of "
					+ Arrays.toString(AudienceSegment.values()) + "."));
		}
		String checked = f.get(4).trim();
		Instant checkedInAt = null;
		if (checked.equalsIgnoreCase("true")) {
			checkedInAt = now;
		}
		else if (!checked.equalsIgnoreCase("false") && !checked.isEmpty()) {
			try {
				checkedInAt = OffsetDateTime.parse(checked).toInstant();
			}
			catch (DateTimeParseException ex) {
				errors.add(new LineError(line, 5, "`" + checked + "` is neither true, false nor an RFC 3339 time."));
			}
		}
		if (errors.size() > before) {
			return null;
		}
		return new ImportRow(line, name, email, company.isEmpty() ? null : company, segment, checkedInAt);
	}

}
