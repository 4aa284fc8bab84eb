package dev.marquee.event;

/** Where an edition takes place; {@code country} is ISO 3166-1 alpha-2. */
public record Venue(String name, String city, String region, String country) {
}
