package dev.marquee.storage;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when neither {@code MONGODB_URI} nor {@code spring.mongodb.uri} names a real MongoDB. */
class NoMongoUriCondition implements Condition {

	static boolean hasMongoUri(Environment environment) {
		return StringUtils.hasText(environment.getProperty("MONGODB_URI"))
				|| StringUtils.hasText(environment.getProperty("spring.mongodb.uri"));
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return !hasMongoUri(context.getEnvironment());
	}

}
