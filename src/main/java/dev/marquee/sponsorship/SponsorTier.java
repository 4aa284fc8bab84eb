package dev.marquee.sponsorship;

/** Tiers from the most to the least prominent; the declaration order is the ranking. */
public enum SponsorTier {

	TITLE, PRESENTING, PLATINUM, GOLD, SILVER, BRONZE, PARTNER, PARTICIPATING, MEDIA, COMMUNITY

}
