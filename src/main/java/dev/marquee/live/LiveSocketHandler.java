package dev.marquee.live;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQLException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.marquee.graphql.ClientAddresses;
import dev.marquee.live.LiveConnection.Running;
import dev.marquee.security.Viewers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.convert.converter.Converter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * GraphQL over WebSocket at {@code /graphql}, the graphql-transport-ws protocol
 * (<a href="https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md">PROTOCOL.md</a>), which the npm
 * {@code graphql-ws} client speaks. It takes the place of Spring GraphQL's {@code GraphQlWebSocketHandler}
 * (which closes a malformed message with 1011 rather than 4400, refuses a token with 4401 rather than 4403,
 * blocks a thread per socket to send, and has no limits) and runs every operation through the same
 * {@link WebGraphQlHandler} as HTTP: the same interceptors, limits and viewer. It carries subscriptions only:
 * a query or mutation gets an {@code error} (they go over HTTP, where its limits and caching apply).
 * <ul>
 * <li>The bearer token travels in {@code connection_init}'s payload ({@code {"Authorization": "Bearer …"}}) and
 * is checked as HTTP checks it (the application's {@code JwtDecoder} and its converter); a bad one closes
 * 4403, none is anonymous, and the socket closes 4403 when the token expires.</li>
 * <li>Protocol errors close as the protocol says: 4400 a message that is not JSON, has no known type or lacks
 * what its type needs (binary frames too); 4401 {@code subscribe} before {@code connection_ack}; 4408 no
 * {@code connection_init} in time; 4409 a subscription id already running; 4429 a second
 * {@code connection_init}; 4406 a socket without the {@code graphql-transport-ws} subprotocol.</li>
 * <li>Limits (see {@link LiveProperties}): subscriptions per socket (an {@code error} for that one, the socket
 * stays), sockets per client address (1008; the peer, or whom a trusted proxy names), idle sockets (1000),
 * keep-alive {@code ping}s, incoming message size (1009), and a bounded send buffer with a send timeout
 * (1008 / 1011).</li>
 * <li>When the node stops, every socket closes with 1001 (going away; graphql-ws reconnects, through a load
 * balancer to another node), and one opened from then on too; then {@link LiveService} ends the SSE streams.
 * Spring stops this handler first, since it depends on the service.</li>
 * </ul>
 */
class LiveSocketHandler implements WebSocketHandler, SubProtocolCapable, SmartLifecycle, DisposableBean {

	static final String PROTOCOL = "graphql-transport-ws";

	private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);

	/** Tomcat's per-session bound on a blocking send, which the close frame is. */
	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private static final CloseStatus GOING_AWAY = new CloseStatus(1001, "The server is shutting down");

	private final WebGraphQlHandler graphQl;

	private final JwtDecoder tokens;

	private final Converter<Jwt, AbstractAuthenticationToken> viewers;

	private final JsonMapper json;

	private final LiveProperties properties;

	private final ClientSlots connectionsPerAddress;

	private final ClientAddresses addresses;

	private final LiveService live;

	private final SharedSubscriptions shared;

	private final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("live-sweep"));

	private final ExecutorService sends = Executors.newFixedThreadPool(2, daemon("live-send"));

	private final ExecutorService closes = Executors.newCachedThreadPool(daemon("live-close"));

	private volatile boolean running;

	private volatile boolean stopping;

	LiveSocketHandler(WebGraphQlHandler graphQl, JwtDecoder tokens, Converter<Jwt, AbstractAuthenticationToken> viewers,
			JsonMapper json, LiveProperties properties, LiveService live, ClientAddresses addresses) {
		this.graphQl = graphQl;
		this.addresses = addresses;
		this.live = live;
		this.shared = new SharedSubscriptions(json);
		this.tokens = tokens;
		this.viewers = viewers;
		this.json = json;
		this.properties = properties;
		this.connectionsPerAddress = new ClientSlots(properties.maxConnectionsPerClient());
		this.sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of(PROTOCOL);
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		// Tomcat's message buffer stays small (LiveWebSocketConfiguration): longer messages arrive in parts,
		// which handleMessage joins up to max-message-size
		Session container = ((NativeWebSocketSession) session).getNativeSession(Session.class);
		container.getUserProperties().put(BLOCKING_SEND_TIMEOUT, this.properties.sendTimeout().toMillis());
		RemoteEndpoint.Async remote = container.getAsyncRemote();
		remote.setSendTimeout(this.properties.sendTimeout().toMillis());
		LiveConnection connection = new LiveConnection(session, remote, this.properties.maxBufferedBytes().toBytes(),
				this.sends, this.closes);
		this.connections.put(session.getId(), connection);
		if (this.stopping) {
			connection.close(GOING_AWAY);
			return;
		}
		if (!PROTOCOL.equals(session.getAcceptedProtocol())) {
			connection.close(new CloseStatus(4406, "Subprotocol not acceptable: use " + PROTOCOL));
			return;
		}
		connection.address = LiveContext.address(this.addresses.of(session.getRemoteAddress(),
				session.getHandshakeHeaders().get(ClientAddresses.FORWARDED_FOR)));
		connection.clientSlot = this.connectionsPerAddress.acquire(connection.address);
		if (connection.clientSlot == null) {
			connection.close(new CloseStatus(1008, "At most " + this.connectionsPerAddress.max()
					+ " WebSockets per client address on this server"));
		}
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		LiveConnection connection = this.connections.get(session.getId());
		if (connection == null || connection.isClosed()) {
			return;
		}
		if (!(message instanceof TextMessage text)) {
			connection.close(invalid("messages are JSON text, not binary"));
			return;
		}
		String payload = join(connection, text);
		if (payload == null) {
			return;
		}
		Map<?, ?> received;
		try {
			Object value = this.json.readValue(payload, Object.class);
			if (!(value instanceof Map<?, ?> map)) {
				connection.close(invalid("a message is a JSON object"));
				return;
			}
			received = map;
		}
		catch (JacksonException ex) {
			connection.close(invalid("not JSON"));
			return;
		}
		Object type = received.get("type");
		if (!(type instanceof String)) {
			connection.close(invalid("a message has a string `type`"));
			return;
		}
		switch ((String) type) {
			case "connection_init" -> connectionInit(connection, received.get("payload"));
			case "ping" -> {
				if (received.containsKey("payload") && received.get("payload") != null && !(received.get("payload") instanceof Map)) {
					connection.close(invalid("a ping's payload is an object"));
					return;
				}
				connection.send(encode(message("pong", null, null)));
			}
			case "pong" -> {
				// an answer to our keep-alive, or unasked: both are fine
			}
			case "subscribe" -> subscribe(connection, received.get("id"), received.get("payload"));
			case "complete" -> {
				if (!(received.get("id") instanceof String id)) {
					connection.close(invalid("a complete names the subscription's `id`"));
					return;
				}
				Running running = connection.subscriptions.remove(id);
				if (running != null) {
					running.cancel();
					idleIfNone(connection);
				}
			}
			default -> connection.close(invalid("unknown message type '" + abbreviate((String) type) + "'"));
		}
	}

	/**
	 * The whole message once its last part arrived, else null: a message longer than
	 * {@code max-message-size} (counted in chars, as Tomcat counts) closes the socket with 1009. Only a message
	 * being received is held, never a buffer of the largest size per idle socket.
	 */
	private String join(LiveConnection connection, TextMessage part) {
		long max = this.properties.maxMessageSize().toBytes();
		StringBuilder started = connection.partial;
		long length = ((started != null) ? started.length() : 0) + part.getPayloadLength();
		if (length > max) {
			connection.partial = null;
			connection.close(new CloseStatus(1009, "Message too big: at most " + max + " characters"));
			return null;
		}
		if (part.isLast()) {
			connection.partial = null;
			return (started != null) ? started.append(part.getPayload()).toString() : part.getPayload();
		}
		connection.partial = ((started != null) ? started : new StringBuilder()).append(part.getPayload());
		return null;
	}

	private void connectionInit(LiveConnection connection, Object payload) {
		if (connection.initReceived) {
			connection.close(new CloseStatus(4429, "Too many initialisation requests"));
			return;
		}
		connection.initReceived = true;
		if (payload != null && !(payload instanceof Map)) {
			connection.close(invalid("connection_init's payload is an object"));
			return;
		}
		Object authorization = null;
		if (payload instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if ("authorization".equalsIgnoreCase(String.valueOf(entry.getKey()))) {
					authorization = entry.getValue();
				}
			}
		}
		if (authorization != null) {
			if (!(authorization instanceof String value) || !value.regionMatches(true, 0, "Bearer ", 0, 7)
					|| value.substring(7).isBlank()) {
				connection.close(new CloseStatus(4403, "Forbidden: Authorization is \"Bearer <token>\""));
				return;
			}
			try {
				Jwt jwt = this.tokens.decode(value.substring(7).trim());
				connection.authentication = this.viewers.convert(jwt);
				connection.tokenExpires = jwt.getExpiresAt();
			}
			catch (RuntimeException ex) {
				connection.close(new CloseStatus(4403, reason("Forbidden: " + ex.getMessage())));
				return;
			}
		}
		connection.acknowledged = true;
		connection.idleSince = System.nanoTime();
		connection.send(encode(message("connection_ack", null, null)));
	}

	private void subscribe(LiveConnection connection, Object idValue, Object payload) {
		if (!connection.acknowledged) {
			connection.close(new CloseStatus(4401, "Unauthorized"));
			return;
		}
		if (!(idValue instanceof String id) || id.isEmpty()) {
			connection.close(invalid("a subscribe has a non-empty string `id`"));
			return;
		}
		String problem = checkPayload(payload);
		if (problem != null) {
			connection.close(invalid(problem));
			return;
		}
		Running running = new Running();
		if (connection.subscriptions.putIfAbsent(id, running) != null) {
			connection.close(new CloseStatus(4409, reason("Subscriber for " + id + " already exists")));
			return;
		}
		if (connection.subscriptions.size() > this.properties.maxSubscriptionsPerConnection()) {
			connection.subscriptions.remove(id, running);
			sendError(connection, id, List.of(GraphqlErrorBuilder.newError()
				.errorType(ErrorType.BAD_REQUEST)
				.message("At most " + this.properties.maxSubscriptionsPerConnection()
						+ " subscriptions run on one connection; complete one first.")
				.extensions(Map.of("code", "TOO_MANY_SUBSCRIPTIONS"))
				.build()));
			return;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) payload);
		OperationDefinition operation = operationOf((String) body.get("query"), (String) body.get("operationName"));
		if (operation != null && operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
			connection.subscriptions.remove(id, running);
			sendError(connection, id, List.of(GraphqlErrorBuilder.newError()
				.errorType(ErrorType.BAD_REQUEST)
				.message("This socket carries subscriptions; send queries and mutations over HTTP (POST /graphql), "
						+ "where their limits and caching apply.")
				.extensions(Map.of("code", "NOT_A_SUBSCRIPTION"))
				.build()));
			return;
		}
		// the client's subscription slot, per socket subscriber (a shared execution holds none of its own)
		running.slot = this.live.subscriptionSlot(LiveContext.client(connection.authentication, connection.address));
		if (running.slot == null) {
			connection.subscriptions.remove(id, running);
			sendError(connection, id, List.of(this.live.tooManySubscriptions().toError()));
			return;
		}
		SharedSubscriptions.Key key = SharedSubscriptions.keyOf(rootField(operation), body,
				Viewers.of(connection.authentication));
		execute(connection, id, body, running, key);
	}

	/**
	 * The operation to run, or null when that cannot be told (a document that does not parse, an unknown
	 * operation), which execution then answers with its own error.
	 */
	static OperationDefinition operationOf(String query, String operationName) {
		Document document;
		try {
			document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query).build());
		}
		catch (GraphQLException ex) {
			return null;
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		return (operationName != null)
				? operations.stream().filter((o) -> operationName.equals(o.getName())).findFirst().orElse(null)
				: (operations.size() == 1) ? operations.get(0) : null;
	}

	/** The one field a subscription selects at its root, when written out there (not through a fragment). */
	private static String rootField(OperationDefinition operation) {
		if (operation == null || operation.getSelectionSet().getSelections().size() != 1
				|| !(operation.getSelectionSet().getSelections().get(0) instanceof Field field)) {
			return null;
		}
		return field.getName();
	}

	/** The GraphQL request in a {@code subscribe}: as GraphQL over HTTP's body, else why not. */
	private static String checkPayload(Object payload) {
		if (!(payload instanceof Map<?, ?> map)) {
			return "a subscribe has an object `payload`";
		}
		if (!(map.get("query") instanceof String query) || query.isBlank()) {
			return "a subscribe's payload has the GraphQL document as `query`";
		}
		Object name = map.get("operationName");
		if (name != null && !(name instanceof String)) {
			return "`operationName` is a string";
		}
		for (String key : new String[] { "variables", "extensions" }) {
			if (map.get(key) != null && !(map.get(key) instanceof Map)) {
				return "`" + key + "` is an object";
			}
		}
		return null;
	}

	private void execute(LiveConnection connection, String id, Map<String, Object> body, Running running,
			SharedSubscriptions.Key key) {
		WebSocketSession session = connection.session;
		WebSocketGraphQlRequest request = new WebSocketGraphQlRequest(session.getUri(), session.getHandshakeHeaders(),
				null, session.getRemoteAddress(), session.getAttributes(), body, id, Locale.getDefault(),
				new SessionInfo(session));
		// the viewer of the connection's token, read by the interceptors as for an HTTP request
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(connection.authentication);
		SecurityContextHolder.setContext(context);
		Mono<WebGraphQlResponse> response;
		try {
			response = this.graphQl.handleRequest(request);
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
		response.subscribe((answer) -> answered(connection, id, running, key, answer), (ex) -> {
			log.error("Live socket {}: operation {} failed", session.getId(), id, ex);
			finish(connection, id, running);
			sendError(connection, id, List.of(SharedSubscriptions.internalError()));
		});
	}

	@SuppressWarnings("unchecked")
	private void answered(LiveConnection connection, String id, Running running, SharedSubscriptions.Key key,
			WebGraphQlResponse answer) {
		if (answer.getData() instanceof Publisher<?> publisher) {
			// this subscriber's stream, started only when no execution with its key runs on this node
			running.started(this.shared.join(key, new Subscriber(connection, id, running),
					(Publisher<ExecutionResult>) publisher));
			return;
		}
		finish(connection, id, running);
		if (!answer.getExecutionResult().isDataPresent()) {
			sendError(connection, id, answer.getExecutionResult().getErrors());
			return;
		}
		connection.send(encode(message("next", id, answer.toMap())));
		connection.send(encode(message("complete", id, null)));
	}

	private void finish(LiveConnection connection, String id, Running running) {
		running.release();
		if (connection.subscriptions.remove(id, running)) {
			idleIfNone(connection);
		}
	}

	private static void idleIfNone(LiveConnection connection) {
		if (connection.subscriptions.isEmpty()) {
			connection.idleSince = System.nanoTime();
		}
	}

	private void sendError(LiveConnection connection, String id, List<GraphQLError> errors) {
		connection.send(encode(message("error", id, errors.stream().map(GraphQLError::toSpecification).toList())));
	}

	/** One subscription's results to its socket, as {@code next}, then {@code complete} or {@code error}. */
	private final class Subscriber implements SharedSubscriptions.Member {

		private final LiveConnection connection;

		private final String id;

		private final Running running;

		/** The start of every {@code next} message of this subscription, up to its payload. */
		private final String nextPrefix;

		Subscriber(LiveConnection connection, String id, Running running) {
			this.connection = connection;
			this.id = id;
			this.running = running;
			this.nextPrefix = "{\"id\":" + LiveSocketHandler.this.json.writeValueAsString(id)
					+ ",\"type\":\"next\",\"payload\":";
		}

		@Override
		public void next(String result) {
			this.connection.send(this.nextPrefix + result + "}");
		}

		@Override
		public void error(List<GraphQLError> errors) {
			finish(this.connection, this.id, this.running);
			sendError(this.connection, this.id, errors);
		}

		@Override
		public void complete() {
			finish(this.connection, this.id, this.running);
			this.connection.send(encode(message("complete", this.id, null)));
		}

	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		log.debug("Live socket {}: transport error", session.getId(), exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		LiveConnection connection = this.connections.remove(session.getId());
		if (connection != null) {
			connection.closed();
			if (connection.clientSlot != null) {
				try {
					connection.clientSlot.close();
				}
				catch (Exception ex) {
					log.debug("Live socket {}: slot not released", session.getId(), ex);
				}
			}
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		// so that Tomcat's per-socket message buffer need not be as large as the largest message allowed
		return true;
	}

	/** Once a second: init timeouts, expired tokens, idle sockets and keep-alive pings. */
	private void sweep() {
		try {
			long now = System.nanoTime();
			Instant instant = Instant.now();
			for (LiveConnection connection : this.connections.values()) {
				if (connection.isClosed()) {
					continue;
				}
				if (!connection.initReceived) {
					if (now - connection.openedAt >= this.properties.connectionInitTimeout().toNanos()) {
						connection.close(new CloseStatus(4408, "Connection initialisation timeout"));
					}
					continue;
				}
				if (connection.tokenExpires != null && !instant.isBefore(connection.tokenExpires)) {
					connection.close(new CloseStatus(4403, "Forbidden: the token expired; reconnect with a new one"));
					continue;
				}
				if (!connection.acknowledged) {
					continue;
				}
				if (connection.subscriptions.isEmpty()
						&& now - connection.idleSince >= this.properties.idleTimeout().toNanos()) {
					connection.close(new CloseStatus(1000, "Idle: no subscription for " + this.properties.idleTimeout()));
					continue;
				}
				if (now - connection.lastSentAt >= this.properties.keepAlive().toNanos()) {
					connection.send(encode(message("ping", null, null)));
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Live sockets: sweep failed", ex);
		}
	}

	/** Open sockets on this node. */
	int connections() {
		return this.connections.size();
	}

	/** Subscriptions running on this node's sockets. */
	int subscriptions() {
		return this.connections.values().stream().mapToInt((connection) -> connection.subscriptions.size()).sum();
	}

	/** Executions serving this node's socket subscriptions of shared root fields. */
	int executions() {
		return this.shared.executions();
	}

	/** What waits to be sent on this node's sockets, in bytes. */
	long bufferedBytes() {
		return this.connections.values().stream().mapToLong(LiveConnection::bufferedBytes).sum();
	}

	@Override
	public void start() {
		this.stopping = false;
		this.running = true;
	}

	/**
	 * Closes every socket with 1001 and waits, at most the send timeout, until their close frames are out: the
	 * web server stops after this, and a socket it cuts shows the client 1006 instead.
	 */
	@Override
	public void stop() {
		this.stopping = true;
		this.running = false;
		for (LiveConnection connection : this.connections.values()) {
			connection.close(GOING_AWAY);
		}
		long deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
		while (this.connections.values().stream().anyMatch((connection) -> connection.session.isOpen())
				&& System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		this.sweeper.shutdownNow();
		for (LiveConnection connection : this.connections.values()) {
			connection.close(GOING_AWAY);
		}
		this.sends.shutdown();
		this.closes.shutdown();
	}

	private static Map<String, Object> message(String type, String id, Object payload) {
		Map<String, Object> message = new LinkedHashMap<>(4);
		if (id != null) {
			message.put("id", id);
		}
		message.put("type", type);
		if (payload != null) {
			message.put("payload", payload);
		}
		return message;
	}

	private String encode(Map<String, Object> message) {
		return this.json.writeValueAsString(message);
	}

	private static CloseStatus invalid(String why) {
		return new CloseStatus(4400, reason("Invalid message: " + why));
	}

	/** A close reason fits in 123 bytes of UTF-8. */
	private static String reason(String text) {
		String reason = text;
		while (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
			reason = reason.substring(0, reason.length() - 2) + "…";
		}
		return reason;
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** What the WebSocket interceptors of Spring GraphQL see of the socket. */
	private record SessionInfo(WebSocketSession session) implements WebSocketSessionInfo {

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.session.getAttributes();
		}

		@Override
		public URI getUri() {
			return this.session.getUri();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.session.getHandshakeHeaders();
		}

		@Override
		public Mono<Principal> getPrincipal() {
			return Mono.justOrEmpty(this.session.getPrincipal());
		}

		@Override
		public InetSocketAddress getRemoteAddress() {
			return this.session.getRemoteAddress();
		}

	}

}
