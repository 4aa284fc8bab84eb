package dev.marquee.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar marquee.jar generate --scale N [--seed S] [--force]}: starts the application
 * without listening on any port and without the demo data set, lets {@link HubGenerator} fill the database with
 * a synthetic hub, then exits. Any other first argument starts the service as usual.
 */
public final class GenerateCommand {

	static final String ENABLED = "marquee.bench.generate";

	private GenerateCommand() {
	}

	public static boolean requested(String[] args) {
		return args.length > 0 && "generate".equals(args[0]);
	}

	/** Runs the generator in {@code application} (the caller, so bench names no class above it) and returns the process exit code. */
	public static int run(Class<?> application, String[] args) {
		try {
			// command-line properties: they outrank application.yml (builder defaults would not)
			String[] withSettings = new String[args.length + 4];
			System.arraycopy(args, 0, withSettings, 0, args.length);
			withSettings[args.length] = "--" + ENABLED + "=true";
			withSettings[args.length + 1] = "--marquee.demo-data=never";
			withSettings[args.length + 2] = "--spring.main.banner-mode=off";
			// a servlet context (the security configuration needs one) whose server never listens
			withSettings[args.length + 3] = "--server.port=-1";
			ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
				.run(withSettings);
			return SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			Throwable cause = ex;
			while (cause.getCause() != null && !(cause instanceof GenerateOptions.Refused)) {
				cause = cause.getCause();
			}
			System.err.println("generate: " + cause.getMessage());
			return 2;
		}
	}

}
