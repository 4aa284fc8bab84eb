package dev.marquee.live;

import java.net.InetAddress;
import java.time.Instant;

import dev.marquee.graphql.ClientAddresses;
import dev.marquee.security.Viewer;
import dev.marquee.security.ViewerAuthentication;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Puts into the GraphQL context who the client is for the per-client limits (its account, else its address as
 * {@link ClientAddresses} reads it: the peer, or whom a trusted proxy names) and when its token expires, for
 * subscriptions over either transport. The viewer itself is security/ViewerInterceptor's, from the same
 * authentication (the HTTP request's bearer token, or the WebSocket's {@code connection_init} token, see
 * {@link LiveSocketHandler}). Not for a WebSocket's requests: the socket takes the client's slot and closes at
 * the token's expiry for each of its subscribers itself, since one execution may serve subscribers of many
 * sockets ({@link SharedSubscriptions}).
 */
@Component
class LiveContext implements WebGraphQlInterceptor {

	static final String CLIENT = "marquee.live.client";

	static final String TOKEN_EXPIRES = "marquee.live.tokenExpires";

	private final ClientAddresses addresses;

	LiveContext(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest) {
			// the socket holds both per subscriber, for a stream it may share (SharedSubscriptions)
			return chain.next(request);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String client = client(authentication, address(
				this.addresses.of(request.getRemoteAddress(), request.getHeaders().get(ClientAddresses.FORWARDED_FOR))));
		Instant expires = (authentication instanceof ViewerAuthentication
				&& authentication.getCredentials() instanceof Jwt jwt) ? jwt.getExpiresAt() : null;
		request.configureExecutionInput((input, builder) -> builder.graphQLContext((context) -> {
			context.put(CLIENT, client);
			if (expires != null) {
				context.put(TOKEN_EXPIRES, expires);
			}
		}).build());
		return chain.next(request);
	}

	/** The client's key: its account when signed in, else the key of its address ({@link #address}). */
	static String client(Authentication authentication, String address) {
		if (authentication instanceof ViewerAuthentication va) {
			Viewer viewer = va.viewer();
			return (viewer.accountId() != null) ? "account:" + viewer.accountId() : "user:" + viewer.username();
		}
		return address;
	}

	/** The key of a client address (of {@link ClientAddresses}). */
	static String address(InetAddress address) {
		return "address:" + ((address != null) ? address.getHostAddress() : "unknown");
	}

}
