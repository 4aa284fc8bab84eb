package dev.marquee.graphql;

import org.springframework.http.HttpHeaders;

/**
 * The rate-limit headers of an answer, as the IETF draft "RateLimit header fields for HTTP"
 * (draft-ietf-httpapi-ratelimit-headers, the revisions with three separate fields) names them, for the
 * caller's leaky bucket:
 * <ul>
 * <li>{@code RateLimit-Limit}: the capacity, in points;</li>
 * <li>{@code RateLimit-Remaining}: the points available now (after this request's charge);</li>
 * <li>{@code RateLimit-Reset}: seconds until the whole capacity is available again (the bucket has drained),
 * the draft's "time until the quota resets"; 0 when it already is;</li>
 * <li>on a 429, {@code Retry-After}: seconds until a request of the refused cost fits (RFC 9110), never later
 * than {@code RateLimit-Reset}.</li>
 * </ul>
 */
final class RateLimitHeaders {

	static final String LIMIT = "RateLimit-Limit";

	static final String REMAINING = "RateLimit-Remaining";

	static final String RESET = "RateLimit-Reset";

	private RateLimitHeaders() {
	}

	static void write(HttpHeaders headers, RateBuckets.Bucket bucket, boolean refused) {
		headers.set(LIMIT, Long.toString(bucket.capacity()));
		headers.set(REMAINING, Long.toString(bucket.available()));
		headers.set(RESET, Long.toString(bucket.secondsUntilFull()));
		if (refused) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(bucket.retryAfterSeconds()));
		}
	}

}
