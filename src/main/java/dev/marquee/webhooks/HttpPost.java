package dev.marquee.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address already checked by {@link Targets}, written on a plain socket so that
 * the attempt goes to exactly that address (the name is used only for the Host header and for TLS:
 * SNI and certificate verification) and so that everything is bounded: the whole attempt ends by
 * {@code timeout} (a watchdog closes the socket), at most {@code maxResponseBytes} of the answer are ever
 * read, and only its status line matters. Redirects are answers like any other: never followed.
 */
final class HttpPost {

	/** What came back: a status code, or why there is none. */
	record Answer(Integer statusCode, String error) {

		boolean delivered() {
			return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
		}

	}

	private final ScheduledExecutorService watchdog;

	private final Duration timeout;

	private final int maxResponseBytes;

	HttpPost(ScheduledExecutorService watchdog, Duration timeout, int maxResponseBytes) {
		this.watchdog = watchdog;
		this.timeout = timeout;
		this.maxResponseBytes = maxResponseBytes;
	}

	Answer post(Targets.Target target, InetAddress address, Map<String, String> headers, byte[] body) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Socket socket = new Socket();
		ScheduledFuture<?> stop = this.watchdog.schedule(() -> closeQuietly(socket), this.timeout.toMillis(),
				TimeUnit.MILLISECONDS);
		try {
			socket.connect(new InetSocketAddress(address, target.port()), remainingMillis(deadline));
			Socket channel = target.https() ? tls(socket, target) : socket;
			channel.setSoTimeout(remainingMillis(deadline));
			if (channel instanceof SSLSocket ssl) {
				ssl.startHandshake();
			}
			OutputStream out = channel.getOutputStream();
			out.write(head(target, headers, body.length));
			out.write(body);
			out.flush();
			return new Answer(status(channel, deadline), null);
		}
		catch (SocketTimeoutException ex) {
			return timedOut();
		}
		catch (SSLException ex) {
			return expired(deadline) ? timedOut() : new Answer(null, "TLS failed: " + ex.getMessage());
		}
		catch (MalformedAnswer ex) {
			return new Answer(null, ex.getMessage());
		}
		catch (IOException ex) {
			// the watchdog closing the socket ends a blocked read or write with an IOException
			return expired(deadline) ? timedOut()
					: new Answer(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		finally {
			stop.cancel(false);
			closeQuietly(socket);
		}
	}

	private Answer timedOut() {
		return new Answer(null, "timed out after " + this.timeout.toMillis() + " ms");
	}

	private static Socket tls(Socket socket, Targets.Target target) throws IOException {
		SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket,
				target.host(), target.port(), true);
		SSLParameters parameters = ssl.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
			parameters.setServerNames(List.of(new SNIHostName(target.host())));
		}
		ssl.setSSLParameters(parameters);
		return ssl;
	}

	private static byte[] head(Targets.Target target, Map<String, String> headers, int length) {
		StringBuilder head = new StringBuilder(512).append("POST ")
			.append(target.pathAndQuery())
			.append(" HTTP/1.1\r\nHost: ")
			.append(target.hostHeader())
			.append("\r\nUser-Agent: Marquee-Webhooks/1\r\nContent-Type: application/json\r\nContent-Length: ")
			.append(length)
			.append("\r\nConnection: close\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Reads the status line (skipping interim 1xx answers and their headers) within
	 * {@code maxResponseBytes}; the headers and body of the final answer are never read.
	 */
	private int status(Socket channel, long deadline) throws IOException, MalformedAnswer {
		InputStream in = channel.getInputStream();
		int[] budget = { this.maxResponseBytes };
		boolean interim = false;
		while (true) {
			String line = line(channel, in, budget, deadline);
			if (interim) {
				interim = !line.isEmpty();
				continue;
			}
			if (!line.matches("HTTP/1\\.[01] [0-9]{3}( .*)?")) {
				throw new MalformedAnswer("the receiver's answer is not HTTP/1.1");
			}
			int code = Integer.parseInt(line.substring(9, 12));
			if (code >= 200) {
				return code;
			}
			interim = true; // 100 Continue, 103 Early Hints: its header lines are read and skipped
		}
	}

	private String line(Socket channel, InputStream in, int[] budget, long deadline)
			throws IOException, MalformedAnswer {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int previous = -1;
		while (true) {
			if (budget[0]-- <= 0) {
				throw new MalformedAnswer(
						"the answer's status line was not within its first " + this.maxResponseBytes + " bytes");
			}
			channel.setSoTimeout(remainingMillis(deadline));
			int next = in.read();
			if (next == -1) {
				throw new MalformedAnswer("the receiver closed the connection without an answer");
			}
			if (previous == '\r' && next == '\n') {
				return line.toString(StandardCharsets.ISO_8859_1);
			}
			if (previous != -1) {
				line.write(previous);
			}
			previous = next;
		}
	}

	private static int remainingMillis(long deadline) throws SocketTimeoutException {
		long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
		if (left <= 0) {
			throw new SocketTimeoutException();
		}
		return (int) Math.min(left, Integer.MAX_VALUE);
	}

	private static boolean expired(long deadline) {
		return System.nanoTime() - deadline >= 0;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is all that is left to do
		}
	}

	private static final class MalformedAnswer extends Exception {

		MalformedAnswer(String message) {
			super(message, null, false, false);
		}

	}

}
