package dev.marquee.program;

public enum SessionKind {

	KEYNOTE, PANEL, DEMO, WORKSHOP, FIRESIDE_CHAT, TALK, NETWORKING

}
