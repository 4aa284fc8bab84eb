package dev.marquee.storage;

import com.mongodb.ConnectionString;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A real MongoDB named by the {@code MONGODB_URI} environment variable (the {@code spring.mongodb.uri}
 * property works too, through Spring Boot's own connection details).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("MONGODB_URI")
class ExternalMongoConfiguration {

	@Bean
	MongoConnectionDetails mongoUriConnectionDetails(Environment environment) {
		var uri = new ConnectionString(environment.getRequiredProperty("MONGODB_URI"));
		return () -> uri;
	}

}
