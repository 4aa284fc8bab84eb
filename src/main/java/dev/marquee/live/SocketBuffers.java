package dev.marquee.live;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The size of the buffers Tomcat gives every WebSocket for its frames, its output and its encoder, which it
 * reads once, from the system property {@value #PROPERTY} (8 KB each unless set), when its WebSocket classes
 * load: so it is set as the application's environment is prepared, before Tomcat starts (an
 * {@link EnvironmentPostProcessor}, registered in {@code META-INF/spring.factories}, so every start sets it:
 * {@code main}, the tests' contexts, the nodes a test starts), unless the operator set it with {@code -D},
 * which wins.
 * <p>
 * 1 KB instead of 8 cut an idle subscriber's heap by about 21 KB (three buffers; docs/benchmarks.md, "Where an
 * idle subscriber's heap goes"). Nothing is limited by it: a message longer than 1 KB goes out as several
 * frames (continuation frames, which every WebSocket client joins; the counters of {@code attendanceChanged}
 * are a tenth of that), and what a client may send is bounded by {@code marquee.live.max-message-size}, joined
 * from parts by {@link LiveSocketHandler}.
 */
public final class SocketBuffers implements EnvironmentPostProcessor {

	static final String PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	static final String SIZE = "1024";

	/** Sets the buffers' size unless the JVM was started with one. */
	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, SIZE);
		}
	}

}
