package dev.marquee.graphql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP caching of anonymous GETs ({@link HttpCache}).
 *
 * @param maxAge how long a shared or browser cache may answer from its copy without asking ({@code max-age});
 *     {@code 0} makes it ask every time, with {@code If-None-Match}
 * @param staleWhileRevalidate how long after that a cache may still answer from its copy while it asks
 *     ({@code stale-while-revalidate})
 * @param answers how many bytes of public answers each node keeps to serve again while the data version stays
 *     ({@link HttpCache#answer}); {@code 0B} keeps none, so every such GET runs its query
 */
@ConfigurationProperties("marquee.graphql.http-cache")
public record HttpCacheProperties(@DefaultValue("30s") Duration maxAge,
		@DefaultValue("60s") Duration staleWhileRevalidate, @DefaultValue("32MB") DataSize answers) {

	public HttpCacheProperties {
		if (maxAge == null || maxAge.isNegative()) {
			throw new IllegalArgumentException("marquee.graphql.http-cache.max-age is 0s or more, was " + maxAge + ".");
		}
		if (staleWhileRevalidate == null || staleWhileRevalidate.isNegative()) {
			throw new IllegalArgumentException(
					"marquee.graphql.http-cache.stale-while-revalidate is 0s or more, was " + staleWhileRevalidate + ".");
		}
		if (answers == null || answers.isNegative()) {
			throw new IllegalArgumentException("marquee.graphql.http-cache.answers is 0B or more, was " + answers + ".");
		}
	}

}
