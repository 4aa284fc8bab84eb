package dev.marquee.account;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One throttle counter of {@link LoginThrottle}: the guesses reserved under one key ({@code client:…},
 * {@code account:…} or {@code password:…}) since the window began, the earliest time the next one may
 * be evaluated, and when the record stops limiting anything ({@code expiresAt}, for the purge). Written
 * only by a compare-and-set on {@code version}.
 */
@Document(LoginThrottle.COLLECTION)
record LoginAttempts(@Id String id, int guesses, Instant windowEnds, Instant nextAt, Instant expiresAt,
		long version) {
}
