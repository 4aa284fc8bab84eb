package dev.marquee.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Live updates: subscriptions over WebSocket and Server-Sent Events. Limits are per app node.
 *
 * @param coalesce the shortest time between two messages of one subscription: changes within it are sent
 *     once, the latest value winning (250 ms: at most four messages a second)
 * @param connectionInitTimeout how long a WebSocket may wait before its {@code connection_init}; then 4408
 * @param keepAlive how often a WebSocket that sent nothing else gets a {@code ping}
 * @param idleTimeout how long a WebSocket may stay open without a subscription; then it is closed (1000)
 * @param maxSubscriptionsPerConnection running subscriptions on one WebSocket; more are refused with an
 *     {@code error} message for that subscription
 * @param maxSubscriptionsPerClient running subscriptions of one client (account, else remote address) over
 *     every transport on this node; more are refused with an error for that subscription
 * @param maxConnectionsPerClient open WebSockets from one remote address on this node; more are closed at
 *     once (1008)
 * @param maxMessageSize the largest message a client may send, in characters; larger closes the socket
 *     (1009). Only a message being received is held at this size, not a buffer per idle socket
 * @param maxBufferedBytes what may wait to be sent on one WebSocket (a client that reads slowly); past it
 *     the socket is closed (1008) and what waited is dropped
 * @param sendTimeout how long one message may take to reach a client that stopped reading; then the socket
 *     is closed
 * @param maxQueuedEvents changes of one subscription waiting for the transport (SSE writes block); past it
 *     the subscription ends with an error
 * @param socketBufferSize Tomcat's read buffer and write buffer of every connection, HTTP and WebSocket alike
 *     ({@code socket.appReadBufSize}/{@code appWriteBufSize}, 8 KB each by default), which an open WebSocket
 *     keeps for its whole life: the largest part of an idle subscriber's heap. Nothing is limited by it: a
 *     longer read or write takes more system calls
 */
@ConfigurationProperties("marquee.live")
public record LiveProperties(@DefaultValue("250ms") Duration coalesce,
		@DefaultValue("10s") Duration connectionInitTimeout, @DefaultValue("25s") Duration keepAlive,
		@DefaultValue("10m") Duration idleTimeout, @DefaultValue("20") int maxSubscriptionsPerConnection,
		@DefaultValue("100") int maxSubscriptionsPerClient, @DefaultValue("20") int maxConnectionsPerClient,
		@DefaultValue("8KB") DataSize maxMessageSize, @DefaultValue("1MB") DataSize maxBufferedBytes,
		@DefaultValue("10s") Duration sendTimeout, @DefaultValue("32") int maxQueuedEvents,
		@DefaultValue("2KB") DataSize socketBufferSize) {

}
