package dev.marquee.event;

public enum EventStatus {

	DRAFT, ANNOUNCED, PUBLISHED, COMPLETED, CANCELLED

}
