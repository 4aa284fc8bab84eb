package dev.marquee.storage;

import com.mongodb.ConnectionString;

import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A real MongoDB named by the {@code MONGODB_URI} environment variable (the {@code spring.mongodb.uri}
 * property works too, through Spring Boot's own connection details).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalMongoConfiguration.MongoUriVariableCondition.class)
class ExternalMongoConfiguration {

	@Bean
	MongoConnectionDetails mongoUriConnectionDetails(Environment environment) {
		var uri = withDefaultDatabase(environment.getRequiredProperty("MONGODB_URI"));
		return () -> uri;
	}

	/** The URI as given; when it names no database, with {@code marquee} as the database. */
	static ConnectionString withDefaultDatabase(String uri) {
		ConnectionString given = new ConnectionString(uri);
		if (given.getDatabase() != null) {
			return given;
		}
		return new ConnectionString(uri.replaceFirst("^(mongodb(\\+srv)?://[^/?]+)/?", "$1/marquee"));
	}

	/** Matches when {@code MONGODB_URI} has text (an empty value means the embedded default). */
	static class MongoUriVariableCondition implements org.springframework.context.annotation.Condition {

		@Override
		public boolean matches(org.springframework.context.annotation.ConditionContext context,
				org.springframework.core.type.AnnotatedTypeMetadata metadata) {
			return org.springframework.util.StringUtils.hasText(context.getEnvironment().getProperty("MONGODB_URI"));
		}

	}

}
