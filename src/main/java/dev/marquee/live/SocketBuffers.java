package dev.marquee.live;

/**
 * The size of the buffers Tomcat gives every WebSocket for its frames, its output and its encoder, which it
 * reads once, from the system property {@value #PROPERTY} (8 KB each unless set), when its WebSocket classes
 * load: so it is set before the application starts, or by the operator with {@code -D}, which wins.
 * <p>
 * 2 KB instead of 8 cut an idle subscriber's heap by about 18 KB (docs/benchmarks.md, "Where an idle
 * subscriber's heap goes"). Nothing is limited by it: a longer message is written in parts, and what a client
 * may send is bounded by {@code marquee.live.max-message-size}, joined from parts by {@link LiveSocketHandler}.
 */
public final class SocketBuffers {

	static final String PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	static final String SIZE = "2048";

	private SocketBuffers() {
	}

	/** Sets the buffers' size unless the JVM was started with one; to be called before Tomcat starts. */
	public static void beforeTomcatStarts() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, SIZE);
		}
	}

}
