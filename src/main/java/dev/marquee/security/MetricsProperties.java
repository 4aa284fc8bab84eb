package dev.marquee.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may scrape {@code /actuator/prometheus} besides admins.
 *
 * @param scrapeToken a secret a scraper sends as {@code Authorization: Bearer <token>} (env
 *     {@code MARQUEE_METRICS_SCRAPE_TOKEN}); unset, only admins' tokens are let in
 */
@ConfigurationProperties("marquee.metrics")
public record MetricsProperties(String scrapeToken) {
}
