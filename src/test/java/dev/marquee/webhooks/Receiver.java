package dev.marquee.webhooks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for tests: the JDK's HTTP server on loopback, one behaviour per path (an answer
 * code, a sequence of them, a hang, a redirect, a huge body), every request kept. Hanging behaviours
 * hang until {@link #release()} or {@link #close()}.
 */
final class Receiver implements AutoCloseable {

	record Request(String path, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	interface Behaviour {

		void answer(HttpExchange exchange, Receiver receiver) throws IOException, InterruptedException;

	}

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

	private volatile CountDownLatch release = new CountDownLatch(1);

	private Receiver(HttpServer server) {
		this.server = server;
	}

	static Receiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		Receiver receiver = new Receiver(server);
		server.setExecutor(receiver.threads);
		server.createContext("/", receiver::handle);
		server.start();
		return receiver;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	void on(String path, Behaviour behaviour) {
		this.behaviours.put(path, behaviour);
	}

	List<Request> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/** Lets every hanging behaviour finish; later ones hang again. */
	void release() {
		this.release.countDown();
		this.release = new CountDownLatch(1);
	}

	void reset() {
		release();
		this.requests.clear();
		this.behaviours.clear();
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> headers = new TreeMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			this.requests.add(new Request(path, headers, body));
			this.behaviours.getOrDefault(path, status(204)).answer(exchange, this);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the sender stopped reading (a huge body) or hung up: nothing left to answer
		}
	}

	static Behaviour status(int code) {
		return (exchange, receiver) -> exchange.sendResponseHeaders(code, -1);
	}

	/** The codes in turn, the last one for every request after. */
	static Behaviour statuses(int... codes) {
		Deque<Integer> left = new ArrayDeque<>();
		for (int code : codes) {
			left.add(code);
		}
		return (exchange, receiver) -> {
			Integer code;
			synchronized (left) {
				code = (left.size() > 1) ? left.poll() : left.peek();
			}
			exchange.sendResponseHeaders(code, -1);
		};
	}

	/** Never answers until released. */
	static Behaviour hang() {
		return (exchange, receiver) -> receiver.release.await();
	}

	static Behaviour redirect(String location) {
		return (exchange, receiver) -> {
			exchange.getResponseHeaders().add("Location", location);
			exchange.sendResponseHeaders(302, -1);
		};
	}

	/** 200 with a body of {@code bytes}, written in full, and then the connection is held open until released. */
	static Behaviour hugeBody(int bytes) {
		return (exchange, receiver) -> {
			exchange.sendResponseHeaders(200, bytes + 1);
			OutputStream out = exchange.getResponseBody();
			byte[] chunk = new byte[64 * 1024];
			for (int sent = 0; sent < bytes; sent += chunk.length) {
				out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
			}
			out.flush();
			receiver.release.await();
		};
	}

}
