package dev.marquee.storage;

import java.nio.file.Path;

import dev.marquee.storage.embedded.Durability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded default keeps its data and whether the demo data set is loaded.
 *
 * @param dataDir directory of the embedded database file (env {@code MARQUEE_DATA_DIR})
 * @param embedded how the embedded server runs
 * @param demoData when to load the demo data set into an empty database
 */
@ConfigurationProperties("marquee")
public record StorageProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Embedded embedded,
		@DefaultValue("embedded") DemoData demoData) {

	/**
	 * @param persistent keep the data in an H2 file under {@code dataDir}; false keeps it in memory
	 * @param database database name used on the embedded server
	 * @param cacheMb megabytes of the H2 file's page cache (in the heap), which index lookups read
	 * through; H2's own default (see docs/benchmarks.md for 128)
	 * @param durability how far a write has gone on the file before it is acknowledged: to the
	 * operating system ({@code process-crash}, the default), to the disk ({@code power-loss}), or
	 * nowhere yet ({@code none}: committed in the background, for throwaway data)
	 */
	public record Embedded(@DefaultValue("true") boolean persistent, @DefaultValue("marquee") String database,
			@DefaultValue("16") int cacheMb, @DefaultValue("process-crash") Durability durability) {
	}

	/** When the demo data set is loaded into an empty database. */
	public enum DemoData {

		/** Only on the embedded default (never into a real MongoDB unless asked). */
		EMBEDDED,
		/** On any backend, when the database is empty. */
		ALWAYS,
		/** Never. */
		NEVER

	}

}
