package dev.marquee.live;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class LiveHandshakeTest {

	@Test
	void theUpgradeCopiesOnlyTheForwardedForHeaderWhileTheHandshakeStillReadsItsOwnByName() {
		MockHttpServletRequest browser = new MockHttpServletRequest("GET", "/graphql");
		browser.addHeader("Upgrade", "websocket");
		browser.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		browser.addHeader("Sec-WebSocket-Protocol", "graphql-transport-ws");
		browser.addHeader("Cookie", "session=" + "x".repeat(500));
		browser.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36");
		browser.addHeader("X-Forwarded-For", "203.0.113.7");

		LiveHandshake.KeptHeaders kept = new LiveHandshake.KeptHeaders(browser);

		assertThat(Collections.list(kept.getHeaderNames())).containsExactly("X-Forwarded-For");
		assertThat(Collections.list(kept.getHeaders("X-Forwarded-For"))).containsExactly("203.0.113.7");
		assertThat(kept.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(kept.getHeader("sec-websocket-protocol")).isEqualTo("graphql-transport-ws");
	}

	@Test
	void anOfferedExtensionIsHiddenFromTheUpgradeSoNoneIsNegotiated() {
		MockHttpServletRequest browser = new MockHttpServletRequest("GET", "/graphql");
		browser.addHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");

		LiveHandshake.KeptHeaders kept = new LiveHandshake.KeptHeaders(browser);

		assertThat(kept.getHeader("Sec-WebSocket-Extensions")).isNull();
		assertThat(Collections.list(kept.getHeaders("sec-websocket-extensions"))).isEmpty();
	}

	@Test
	void aHandshakeWithoutForwardedForKeepsNoHeaderAtAllAndNoContentLength() {
		MockHttpServletRequest bare = new MockHttpServletRequest("GET", "/graphql");
		bare.addHeader("Host", "localhost:8080");
		bare.setContent(new byte[0]);

		LiveHandshake.KeptHeaders kept = new LiveHandshake.KeptHeaders(bare);

		assertThat(Collections.list(kept.getHeaderNames())).isEmpty();
		assertThat(kept.getContentLengthLong()).isEqualTo(-1);
	}

}
