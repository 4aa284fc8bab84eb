package dev.marquee.live;

import java.util.List;
import java.util.Map;

import dev.marquee.graphql.ClientAddresses;
import dev.marquee.security.SecurityProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * The WebSocket endpoint: a GET {@code /graphql} that asks to upgrade goes to {@link LiveSocketHandler}; any
 * other GET stays GraphQL over HTTP (graphql/HttpTransport). Browsers may open it from the origins that may
 * call the API ({@code marquee.security.cors-allowed-origins}) or from the same origin; clients that send no
 * {@code Origin} (servers, apps) always may. Nothing on it is authenticated by cookie (the token is in
 * {@code connection_init}), so a page of another site that opens a socket gains nothing it could not read
 * anonymously; the check keeps other sites from spending this server's connections in its visitors' names.
 */
@Configuration(proxyBeanMethods = false)
class LiveWebSocketConfiguration {

	static final String PATH = "/graphql";

	@Bean
	LiveSocketHandler liveSocketHandler(WebGraphQlHandler graphQl, JwtDecoder tokens,
			Converter<Jwt, AbstractAuthenticationToken> viewers, JsonMapper json, LiveProperties properties,
			LiveService live, ClientAddresses addresses) {
		return new LiveSocketHandler(graphQl, tokens, viewers, json, properties, live, addresses);
	}

	/**
	 * Tomcat allocates each socket's message buffers at these sizes and keeps them while the socket is open:
	 * a text buffer of {@value #TEXT_BUFFER_CHARS} chars (longer messages, such as a {@code connection_init}
	 * with a token, arrive in parts, which {@link LiveSocketHandler} joins up to {@code max-message-size}), and
	 * a binary one of {@value #BINARY_BUFFER_BYTES} bytes (binary frames are refused with 4400 anyway). At their
	 * defaults (8K each) they were 24 KB of every idle subscriber's heap.
	 */
	@Bean
	ServletServerContainerFactoryBean liveWebSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
		container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
		return container;
	}

	static final int TEXT_BUFFER_CHARS = 256;

	static final int BINARY_BUFFER_BYTES = 128;

	/** Every connection's read and write buffer at {@code marquee.live.socket-buffer-size} (LiveProperties). */
	@Bean
	TomcatConnectorCustomizer liveSocketBuffers(LiveProperties properties) {
		String size = Long.toString(properties.socketBufferSize().toBytes());
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", size);
			connector.setProperty("socket.appWriteBufSize", size);
		};
	}

	/** How many sockets, subscriptions and bytes waiting to be sent this node holds. */
	@Bean
	MeterBinder liveMeters(LiveSocketHandler sockets, LiveService live, LiveHub hub) {
		return (registry) -> {
			Gauge.builder("marquee.live.connections", sockets, LiveSocketHandler::connections)
				.description("Open WebSockets of live updates on this node")
				.register(registry);
			Gauge.builder("marquee.live.subscriptions", live, LiveService::running)
				.description("Running subscriptions on this node, WebSocket and SSE")
				.register(registry);
			Gauge.builder("marquee.live.executions", sockets, LiveSocketHandler::executions)
				.description("Subscription executions on this node's WebSockets, each shared by the subscribers "
						+ "who would get the same answers")
				.register(registry);
			Gauge.builder("marquee.live.editions", hub, LiveHub::topics)
				.description("Editions with subscribers on this node")
				.register(registry);
			Gauge.builder("marquee.live.buffered", sockets, LiveSocketHandler::bufferedBytes)
				.description("Bytes waiting to be sent on this node's WebSockets")
				.baseUnit("bytes")
				.register(registry);
		};
	}

	@Bean
	HandlerMapping liveWebSocketMapping(LiveSocketHandler handler, SecurityProperties security) {
		WebSocketHttpRequestHandler upgrade = new WebSocketHttpRequestHandler(handler, new LiveHandshake());
		upgrade.setHandshakeInterceptors(List.of(new OriginHandshakeInterceptor(security.corsAllowedOrigins())));
		WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
		mapping.setWebSocketUpgradeMatch(true);
		mapping.setUrlMap(Map.of(PATH, upgrade));
		// ahead of the GraphQL-over-HTTP routes (graphql/HttpTransport at -1, Spring Boot's at 0)
		mapping.setOrder(-2);
		return mapping;
	}

}
