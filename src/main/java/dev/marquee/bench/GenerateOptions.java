package dev.marquee.bench;

import java.util.List;

/**
 * Arguments of {@code generate}: {@code --scale N} (1 is about 1,000 editions and 200,000
 * registrations; everything grows linearly), {@code --seed S} (same seed and scale, same hub) and
 * {@code --force} (empty the hub's collections first instead of refusing a non-empty database).
 */
record GenerateOptions(int scale, long seed, boolean force) {

	static GenerateOptions parse(List<String> args) {
		int scale = 1;
		long seed = 42;
		boolean force = false;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String value = null;
			int eq = arg.indexOf('=');
			String name = (eq > 0) ? arg.substring(0, eq) : arg;
			if (eq > 0) {
				value = arg.substring(eq + 1);
			}
			switch (name) {
				case "generate" -> {
				}
				case "--scale" -> scale = Integer.parseInt((value != null) ? value : args.get(++i));
				case "--seed" -> seed = Long.parseLong((value != null) ? value : args.get(++i));
				case "--force" -> force = true;
				default -> {
					// Spring Boot's own --name=value options (server.port, logging…) pass through
				}
			}
		}
		if (scale < 1) {
			throw new Refused("--scale must be 1 or more, was " + scale);
		}
		return new GenerateOptions(scale, seed, force);
	}

	/** The generator declines to run; the message says why. */
	static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

}
