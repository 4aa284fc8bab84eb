package dev.marquee.attendance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Analytics and bulk attendance.
 *
 * @param minCell smallest count shown to callers who do not organize the series: company attendance
 *     below it is null and segments below it are left out, so breakdowns cannot point at a few people
 * @param maxImportBytes largest CSV body accepted by the registrations import (413 above)
 */
@ConfigurationProperties("marquee.analytics")
public record AnalyticsProperties(@DefaultValue("5") int minCell, @DefaultValue("20MB") org.springframework.util.unit.DataSize maxImportBytes) {
}
