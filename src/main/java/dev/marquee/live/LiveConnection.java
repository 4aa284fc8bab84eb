package dev.marquee.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import jakarta.websocket.RemoteEndpoint;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One WebSocket: its protocol state, its running subscriptions and what waits to be sent. Messages are
 * written with the container's asynchronous sends, one at a time; what waits is bounded in bytes
 * ({@code marquee.live.max-buffered-bytes}) and a send that does not finish within
 * {@code marquee.live.send-timeout} ends the socket: a client that stops reading costs at most that much
 * memory and never holds a thread.
 */
final class LiveConnection {

	private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);

	final WebSocketSession session;

	final long openedAt = System.nanoTime();

	/** Running subscriptions by the client's id. */
	final Map<String, Running> subscriptions = new ConcurrentHashMap<>();

	private final RemoteEndpoint.Async remote;

	private final long maxBufferedBytes;

	private final Executor sends;

	private final Executor closes;

	private final Queue<String> queue = new ArrayDeque<>();

	private long bufferedBytes;

	private boolean sending;

	private volatile boolean closed;

	volatile boolean initReceived;

	volatile boolean acknowledged;

	volatile Authentication authentication;

	volatile Instant tokenExpires;

	volatile long lastSentAt = System.nanoTime();

	/** When the connection last had no subscription running (its idle time counts from there). */
	volatile long idleSince = System.nanoTime();

	/** The key of the client's address (LiveContext.address), the socket's slot's and an anonymous subscriber's. */
	String address;

	AutoCloseable clientSlot;

	/** The parts of a message received so far (Tomcat hands long messages over in parts); null between messages. */
	StringBuilder partial;

	LiveConnection(WebSocketSession session, RemoteEndpoint.Async remote, long maxBufferedBytes, Executor sends,
			Executor closes) {
		this.session = session;
		this.remote = remote;
		this.maxBufferedBytes = maxBufferedBytes;
		this.sends = sends;
		this.closes = closes;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Queues one message; past the buffer's bound the socket is closed (1008) instead. */
	void send(String text) {
		long bytes = bytes(text);
		boolean overflow = false;
		boolean start = false;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			if (this.bufferedBytes + bytes > this.maxBufferedBytes) {
				overflow = true;
			}
			else {
				this.queue.add(text);
				this.bufferedBytes += bytes;
				this.lastSentAt = System.nanoTime();
				if (!this.sending) {
					this.sending = true;
					start = true;
				}
			}
		}
		if (overflow) {
			close(new CloseStatus(1008, "Too slow: more than " + this.maxBufferedBytes
					+ " bytes waited to be sent; reconnect and read faster"));
		}
		else if (start) {
			this.sends.execute(this::writeNext);
		}
	}

	private void writeNext() {
		String next;
		synchronized (this) {
			next = this.closed ? null : this.queue.peek();
			if (next == null) {
				this.sending = false;
				return;
			}
		}
		try {
			this.remote.sendText(next, (result) -> {
				synchronized (this) {
					this.queue.poll();
					this.bufferedBytes -= bytes(next);
				}
				if (result.isOK()) {
					this.sends.execute(this::writeNext);
				}
				else {
					log.debug("Live socket {}: a send failed", this.session.getId(), result.getException());
					close(new CloseStatus(1011, "A message could not be sent in time"));
				}
			});
		}
		catch (RuntimeException ex) {
			log.debug("Live socket {}: could not send", this.session.getId(), ex);
			close(CloseStatus.SERVER_ERROR);
		}
	}

	/**
	 * Ends the socket with this status: nothing more is sent, what waited is dropped, and the close frame is
	 * written off the caller's thread (it may wait up to the send timeout for a client that does not read).
	 */
	void close(CloseStatus status) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.queue.clear();
			this.bufferedBytes = 0;
		}
		cancelSubscriptions();
		this.closes.execute(() -> {
			try {
				this.session.close(status);
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Live socket {}: close failed", this.session.getId(), ex);
			}
		});
	}

	/** After the container saw the socket close, for whatever reason. */
	void closed() {
		synchronized (this) {
			this.closed = true;
			this.queue.clear();
			this.bufferedBytes = 0;
		}
		cancelSubscriptions();
	}

	private void cancelSubscriptions() {
		for (Running running : this.subscriptions.values()) {
			try {
				running.cancel();
			}
			catch (RuntimeException ex) {
				log.debug("Live socket {}: a subscription did not cancel cleanly", this.session.getId(), ex);
			}
		}
		this.subscriptions.clear();
	}

	synchronized long bufferedBytes() {
		return this.bufferedBytes;
	}

	/** One subscription of the socket: cancelled before or after its stream started. */
	static final class Running {

		private Subscription upstream;

		private boolean cancelled;

		/** The client's subscription slot (LiveService), released once when the subscription ends. */
		volatile AutoCloseable slot;

		void release() {
			AutoCloseable held = this.slot;
			if (held != null) {
				try {
					held.close();
				}
				catch (Exception ex) {
					log.debug("A live subscription's slot was not released", ex);
				}
			}
		}

		synchronized void started(Subscription subscription) {
			this.upstream = subscription;
			if (this.cancelled) {
				subscription.cancel();
			}
		}

		void cancel() {
			release();
			Subscription subscription;
			synchronized (this) {
				this.cancelled = true;
				subscription = this.upstream;
			}
			if (subscription != null) {
				subscription.cancel();
			}
		}

	}

	private static long bytes(String text) {
		// the UTF-8 length is at most three bytes per char; exact enough for a bound, without encoding
		return text.length() <= 1024 ? text.getBytes(StandardCharsets.UTF_8).length : 3L * text.length();
	}

}
