package dev.marquee;

import dev.marquee.bench.GenerateCommand;
import dev.marquee.storage.DatabaseCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MarqueeApplication {

	public static void main(String[] args) {
		if (GenerateCommand.requested(args)) {
			System.exit(GenerateCommand.run(MarqueeApplication.class, args));
		}
		if (DatabaseCommand.requested(args)) {
			System.exit(DatabaseCommand.run(args));
		}
		SpringApplication.run(MarqueeApplication.class, args);
	}

}
