package dev.marquee.program;

/**
 * Where an imported session or speaker came from: the format it was imported from ({@code sessionize}
 * or {@code frab}, which pretalx writes too) and its id there. Re-imports find their documents by it.
 */
public record ProgramSource(String system, String id) {

	public static final String SESSIONIZE = "sessionize";

	public static final String FRAB = "frab";

	/** The unique key of a source id within its owner (an edition for sessions, a series for speakers). */
	static String key(Object owner, ProgramSource source) {
		return (source != null) ? owner + ":" + source.system() + ":" + source.id() : null;
	}

}
