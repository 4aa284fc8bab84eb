package dev.marquee.live;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client on a plain socket, so that a test can send what a well-behaved library never would
 * (bad JSON, binary frames, a second init) and can stop reading altogether. Client frames are masked, as
 * RFC 6455 requires; server pings are answered while reading.
 */
final class RawSocket implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	/** The status line and headers of the handshake's answer. */
	final String handshake;

	private final SecureRandom random = new SecureRandom();

	private RawSocket(Socket socket, String handshake) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
		this.handshake = handshake;
	}

	/** Opens {@code /graphql} asking for graphql-transport-ws. */
	static RawSocket open(int port) throws IOException {
		return open(port, "graphql-transport-ws", null, 0);
	}

	/**
	 * @param protocol the subprotocol to ask for, or null for none
	 * @param origin the Origin header, or null for none
	 * @param receiveBuffer the socket's receive buffer in bytes (0: the system's)
	 * @param headers more header lines of the handshake ({@code Name: value})
	 */
	static RawSocket open(int port, String protocol, String origin, int receiveBuffer, String... headers)
			throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.connect(new InetSocketAddress("localhost", port), 5000);
		socket.setSoTimeout(15000);
		byte[] nonce = new byte[16];
		new SecureRandom().nextBytes(nonce);
		StringBuilder request = new StringBuilder().append("GET /graphql HTTP/1.1\r\n")
			.append("Host: localhost:").append(port).append("\r\n")
			.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
			.append("Sec-WebSocket-Version: 13\r\n");
		if (protocol != null) {
			request.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
		}
		if (origin != null) {
			request.append("Origin: ").append(origin).append("\r\n");
		}
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		return new RawSocket(socket, head.toString(StandardCharsets.US_ASCII));
	}

	/** The handshake's HTTP status (101 when upgraded). */
	int status() {
		return Integer.parseInt(this.handshake.split(" ", 3)[1]);
	}

	void sendText(String text) throws IOException {
		frame(0x1, text.getBytes(StandardCharsets.UTF_8));
	}

	void sendBinary(byte[] data) throws IOException {
		frame(0x2, data);
	}

	/** A protocol message: {@code type}, and {@code id} and {@code payload} when not null. */
	void send(String type, String id, Object payload) throws IOException {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", type);
		if (id != null) {
			message.put("id", id);
		}
		if (payload != null) {
			message.put("payload", payload);
		}
		sendText(JSON.writeValueAsString(message));
	}

	/** connection_init (with the token when not null), then the connection_ack it must get. */
	void init(String token) throws IOException {
		send("connection_init", null, (token != null) ? Map.of("Authorization", "Bearer " + token) : null);
		Map<String, Object> ack = next();
		if (!"connection_ack".equals(ack.get("type"))) {
			throw new IllegalStateException("Expected connection_ack, got " + ack);
		}
	}

	/** Subscribes to the document {@code graphql-test/<name>.graphql} with these variables. */
	void subscribe(String id, String document, Map<String, Object> variables) throws IOException {
		send("subscribe", id, Map.of("query", document(document), "variables", variables));
	}

	static String document(String name) throws IOException {
		try (InputStream in = RawSocket.class.getResourceAsStream("/graphql-test/" + name + ".graphql")) {
			if (in == null) {
				throw new IllegalArgumentException("No document graphql-test/" + name + ".graphql");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * The next protocol message (server pings answered with pong and skipped); a close frame or the end of
	 * the stream fails with {@link Closed}.
	 */
	Map<String, Object> next() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode == 0x8) {
				throw new Closed(closeCode(frame.payload), closeReason(frame.payload));
			}
			if (frame.opcode == 0x1) {
				@SuppressWarnings("unchecked")
				Map<String, Object> message = JSON.readValue(frame.payload, Map.class);
				if ("ping".equals(message.get("type"))) {
					send("pong", null, null);
					continue;
				}
				return message;
			}
		}
	}

	/** The next message that is not a keep-alive; a close fails the test with its code. */
	Map<String, Object> nextOf(String type) throws IOException {
		Map<String, Object> message = next();
		if (!type.equals(message.get("type"))) {
			throw new IllegalStateException("Expected " + type + ", got " + message);
		}
		return message;
	}

	/** Reads until the server's close frame and answers its code; -1 when the stream ended without one. */
	int awaitClose() throws IOException {
		try {
			while (true) {
				next();
			}
		}
		catch (Closed closed) {
			return closed.code;
		}
		catch (EOFException | SocketException ex) {
			return -1;
		}
	}

	/** How many frames the last data message read came in. */
	int framesOfLastMessage;

	private Frame readFrame() throws IOException {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		int opcode = -1;
		int frames = 0;
		while (true) {
			int first = readByte();
			if ((first & 0x70) != 0) {
				// RSV bits: an extension's frame (such as a compressed one), none of which was negotiated
				throw new IllegalStateException("A frame with RSV bits " + Integer.toBinaryString((first >> 4) & 0x7));
			}
			int second = readByte();
			long length = second & 0x7f;
			if (length == 126) {
				length = (readByte() << 8) | readByte();
			}
			else if (length == 127) {
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | readByte();
				}
			}
			byte[] payload = this.in.readNBytes((int) length);
			if (payload.length < length) {
				throw new EOFException();
			}
			int code = first & 0x0f;
			if (code == 0x9) {
				frame(0xA, payload);
				continue;
			}
			if (code >= 0x8) {
				return new Frame(code, payload);
			}
			if (code != 0) {
				opcode = code;
			}
			message.write(payload);
			frames++;
			if ((first & 0x80) != 0) {
				this.framesOfLastMessage = frames;
				return new Frame(opcode, message.toByteArray());
			}
		}
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException();
		}
		return b;
	}

	private synchronized void frame(int opcode, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x80 | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(0x80 | 127);
			for (int i = 7; i >= 0; i--) {
				frame.write((int) ((long) payload.length >> (8 * i)) & 0xff);
			}
		}
		byte[] mask = new byte[4];
		this.random.nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	private static int closeCode(byte[] payload) {
		return (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
	}

	private static String closeReason(byte[] payload) {
		return (payload.length > 2) ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private record Frame(int opcode, byte[] payload) {
	}

	/** The server closed the socket with this code and reason. */
	static final class Closed extends IOException {

		final int code;

		final String reason;

		Closed(int code, String reason) {
			super("closed " + code + " " + reason);
			this.code = code;
			this.reason = reason;
		}

	}

}
