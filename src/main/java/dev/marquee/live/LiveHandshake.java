package dev.marquee.live;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import dev.marquee.graphql.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * How a WebSocket on {@code /graphql} is opened: as Spring's {@link DefaultHandshakeHandler} does (method,
 * {@code Upgrade}, version, subprotocol and, by the interceptor, {@code Origin} checked on the whole request),
 * with two differences that keep every open socket small.
 * <ul>
 * <li>No WebSocket extension is accepted. The one browsers offer, {@code permessage-deflate}, would give every
 * socket a zlib compressor and decompressor of its own (zlib allocates ~260 KB for the pair at the window Tomcat
 * uses, outside the heap and its limit; measured +61 KB resident per socket with this service's small messages,
 * docs/benchmarks.md) and deflate every message once per socket, where a shared execution encodes it once for
 * all its subscribers; and the messages are a few hundred bytes of JSON. A client
 * that offers it is answered without {@code Sec-WebSocket-Extensions} and sends and receives plain frames, as
 * RFC 6455 has it.</li>
 * <li>The socket keeps, of the handshake's headers, only {@value ClientAddresses#FORWARDED_FOR}, which is all the
 * requests on it read afterwards (the client address, {@link ClientAddresses}). Spring's session and Tomcat's
 * each keep a copy of the headers they are given for the socket's whole life: ~2 KB per socket of a bare client,
 * several KB of a browser's (cookies, user agent, languages).</li>
 * </ul>
 */
final class LiveHandshake extends DefaultHandshakeHandler {

	/** The handshake's headers a socket keeps. */
	static final List<String> KEPT_HEADERS = List.of(ClientAddresses.FORWARDED_FOR);

	LiveHandshake() {
		super(new KeptHeadersUpgrade());
	}

	private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

	// none for Spring's part of the handshake; Tomcat negotiates from the request's header, which KeptHeaders hides
	@Override
	protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request,
			List<WebSocketExtension> requested, List<WebSocketExtension> supported) {
		return List.of();
	}

	/** Spring's upgrade, given the request with only the kept headers to copy into the sessions. */
	private static final class KeptHeadersUpgrade extends StandardWebSocketUpgradeStrategy {

		@Override
		public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
				List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler handler,
				Map<String, Object> attributes) {
			super.upgrade(new ServletServerHttpRequest(new KeptHeaders(getHttpServletRequest(request))), response,
					selectedProtocol, selectedExtensions, user, handler, attributes);
		}

	}

	/**
	 * The handshake request as the upgrade sees it: its header names are the kept ones it has, while a header
	 * asked for by name (as Tomcat reads the key, version and subprotocols) still answers from the request, except
	 * {@code Sec-WebSocket-Extensions}, which it has none of.
	 */
	static final class KeptHeaders extends HttpServletRequestWrapper {

		KeptHeaders(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>(KEPT_HEADERS.size());
			for (String name : KEPT_HEADERS) {
				if (getHeader(name) != null) {
					names.add(name);
				}
			}
			return Collections.enumeration(names);
		}

		@Override
		public String getHeader(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		// a GET that asks to upgrade has no body: no Content-Length for Spring to add to the headers it copies
		@Override
		public int getContentLength() {
			return -1;
		}

		@Override
		public long getContentLengthLong() {
			return -1;
		}

	}

}
