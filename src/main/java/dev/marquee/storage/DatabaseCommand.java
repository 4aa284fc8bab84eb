package dev.marquee.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import dev.marquee.storage.embedded.Durability;
import dev.marquee.storage.embedded.IndexedH2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code java -jar marquee.jar database [--port P] [--data-dir D] [--bind H] [--durability X] [--cache-mb N]}:
 * the embedded MongoDB-compatible server alone (the same indexed H2 backend, file and durability as the
 * embedded default), without the web application, so several application nodes on one machine share one
 * database through {@code MONGODB_URI=mongodb://127.0.0.1:P/marquee}. It listens on loopback unless
 * {@code --bind} says otherwise (the server has no authentication), on port 27017 unless {@code --port}
 * says otherwise, and runs until it is stopped (SIGTERM or Ctrl-C commit and close the file). Settings it
 * is not given come from the usual places ({@code MARQUEE_DATA_DIR}, {@code marquee.embedded.*}).
 */
public final class DatabaseCommand {

	static final String NAME = "database";

	static final String USAGE = "usage: java -jar marquee.jar database [--port P (27017)] [--data-dir D] "
			+ "[--bind HOST (127.0.0.1)] [--durability process-crash|power-loss|none] [--cache-mb N]";

	private static final Logger log = LoggerFactory.getLogger(DatabaseCommand.class);

	private DatabaseCommand() {
	}

	public static boolean requested(String[] args) {
		return args.length > 0 && NAME.equals(args[0]);
	}

	/** Runs the server until it is stopped and returns the process exit code (2: bad arguments). */
	public static int run(String[] args) {
		ConfigurableApplicationContext context;
		try {
			context = start(args);
		}
		catch (Refused ex) {
			System.err.println("database: " + ex.getMessage());
			System.err.println(USAGE);
			return 2;
		}
		catch (RuntimeException ex) {
			Throwable cause = ex;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			System.err.println("database: " + cause.getMessage());
			return 1;
		}
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> closed.countDown());
		try {
			closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			context.close();
		}
		return 0;
	}

	/**
	 * Starts the server and returns its context (closing it stops the server and closes the file);
	 * refuses bad arguments before opening anything.
	 */
	public static ConfigurableApplicationContext start(String[] args) {
		Options options = Options.parse(args);
		return new SpringApplicationBuilder(DatabaseServer.class).main(DatabaseCommand.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("databaseAddress", new InetSocketAddress(options.bind(), options.port())))
			.run(options.settings().toArray(String[]::new));
	}

	/** The command's arguments, checked, and the settings they stand for (command-line properties). */
	record Options(String bind, int port, List<String> settings) {

		static Options parse(String[] args) {
			String bind = "127.0.0.1";
			int port = 27017;
			List<String> settings = new ArrayList<>();
			for (int i = 1; i < args.length; i++) {
				String arg = args[i];
				String name = arg;
				String value;
				int equals = arg.indexOf('=');
				if (arg.startsWith("--") && equals > 0) {
					name = arg.substring(0, equals);
					value = arg.substring(equals + 1);
				}
				else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
					value = args[++i];
				}
				else {
					value = null;
				}
				switch (name) {
					case "--port" -> port = port(value);
					case "--bind" -> bind = required(name, value);
					case "--data-dir" -> settings.add("--marquee.data-dir=" + required(name, value));
					case "--durability" -> settings.add("--marquee.embedded.durability=" + durability(value));
					case "--cache-mb" -> settings.add("--marquee.embedded.cache-mb=" + positive(name, value));
					default -> throw new Refused("unknown argument " + arg);
				}
			}
			return new Options(bind, port, settings);
		}

		private static String required(String name, String value) {
			if (value == null || value.isBlank()) {
				throw new Refused(name + " needs a value");
			}
			return value;
		}

		private static int port(String value) {
			int port = number("--port", value);
			if (port < 0 || port > 65535) {
				throw new Refused("--port must be between 0 and 65535, not " + value);
			}
			return port;
		}

		private static int positive(String name, String value) {
			int number = number(name, value);
			if (number < 1) {
				throw new Refused(name + " must be at least 1, not " + value);
			}
			return number;
		}

		private static int number(String name, String value) {
			try {
				return Integer.parseInt(required(name, value));
			}
			catch (NumberFormatException ex) {
				throw new Refused(name + " must be a number, not " + value);
			}
		}

		private static String durability(String value) {
			String given = required("--durability", value);
			for (Durability durability : Durability.values()) {
				if (durability.toString().equalsIgnoreCase(given)) {
					return durability.toString();
				}
			}
			throw new Refused("--durability must be process-crash, power-loss or none, not " + value);
		}

	}

	/** Bad arguments: refused before anything is opened. */
	static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

	/**
	 * The standalone server's beans (a plain class, so the web application's component scan never
	 * picks it up): the backend on the data directory, served on the command's address.
	 */
	@EnableConfigurationProperties(StorageProperties.class)
	static class DatabaseServer {

		@Bean(destroyMethod = "shutdown")
		MongoServer databaseServer(StorageProperties properties, InetSocketAddress databaseAddress) throws IOException {
			var dir = properties.dataDir().toAbsolutePath().normalize();
			IndexedH2Backend backend = IndexedH2Backend.inDirectory(dir, properties.embedded().cacheMb(),
					properties.embedded().durability());
			MongoServer server = new MongoServer(backend);
			try {
				server.bind(databaseAddress);
			}
			catch (RuntimeException ex) {
				backend.close();
				throw ex;
			}
			InetSocketAddress bound = server.getLocalAddress();
			log.info("Marquee database listening on {}:{} (MONGODB_URI=mongodb://{}:{}/{}), data in {}, durability {}",
					bound.getHostString(), bound.getPort(), bound.getHostString(), bound.getPort(),
					properties.embedded().database(), dir.resolve(IndexedH2Backend.FILE_NAME),
					properties.embedded().durability());
			return server;
		}

	}

}
