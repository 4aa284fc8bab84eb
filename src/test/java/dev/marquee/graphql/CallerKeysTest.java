package dev.marquee.graphql;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Whose budget a request spends, and which forwarded addresses are believed. */
class CallerKeysTest {

	private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));

	@Test
	void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
		CallerKeys keys = new CallerKeys(new ClientAddresses(TrustedProxies.parse(List.of())), Optional.empty());
		assertThat(keys.of(peer("198.51.100.9"), List.of("203.0.113.1"))).isEqualTo("client:198.51.100.9");
	}

	@Test
	void fromAnUntrustedPeerTheForwardedHeaderIsIgnored() {
		assertThat(client("198.51.100.9", "203.0.113.1")).isEqualTo("198.51.100.9");
	}

	@Test
	void fromATrustedPeerTheClientIsTheRightmostAddressThatIsNoTrustedProxy() {
		// the client wrote 1.1.1.1 itself; 203.0.113.7 is what the first trusted proxy saw
		assertThat(client("10.1.2.3", "1.1.1.1, 203.0.113.7, 10.9.9.9")).isEqualTo("203.0.113.7");
		assertThat(client("10.1.2.3", "1.1.1.1", "203.0.113.7, 192.0.2.1")).isEqualTo("203.0.113.7");
		assertThat(client("fd00::1", "2001:db8::5, fd12::7")).isEqualTo(address("2001:db8::5").getHostAddress());
	}

	@Test
	void whenEveryHopIsATrustedProxyTheLeftmostIsTheClient() {
		assertThat(client("10.1.2.3", "10.5.5.5, 10.6.6.6")).isEqualTo("10.5.5.5");
	}

	@Test
	void anEntryThatIsNoAddressMakesThePeerTheClient() {
		assertThat(client("10.1.2.3", "203.0.113.7, unknown")).isEqualTo("10.1.2.3");
		assertThat(client("10.1.2.3", "203.0.113.7, evil.example")).isEqualTo("10.1.2.3");
	}

	@Test
	void addressesWithPortsAndBracketsAreRead() {
		assertThat(client("10.1.2.3", "203.0.113.7:4711")).isEqualTo("203.0.113.7");
		assertThat(client("10.1.2.3", "[2001:db8::5]:443")).isEqualTo(address("2001:db8::5").getHostAddress());
	}

	@Test
	void aSignedInCallerSpendsItsAccountsBudgetWhereverItComesFrom() {
		CallerKeys keys = new CallerKeys(new ClientAddresses(PROXIES), Optional.of(() -> Optional.of("account:abc")));
		assertThat(keys.of(peer("198.51.100.9"), List.of())).isEqualTo("account:abc");
	}

	@Test
	void trustedProxiesThatDoNotParseStopTheStartNamingTheEntry() {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33")))
			.withMessageContaining("'10.0.0.0/33'");
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.parse(List.of("proxy.internal")))
			.withMessageContaining("'proxy.internal' is no IP address");
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/x")))
			.withMessageContaining("prefix length");
	}

	@Test
	void aBlockContainsExactlyItsPrefix() {
		TrustedProxies block = TrustedProxies.parse(List.of("172.16.0.0/12"));
		assertThat(block.contains(address("172.31.255.255"))).isTrue();
		assertThat(block.contains(address("172.32.0.0"))).isFalse();
		assertThat(block.contains(address("::1"))).isFalse();
	}

	private static String client(String peer, String... forwardedFor) {
		return new ClientAddresses(PROXIES).of(peer(peer), List.of(forwardedFor)).getHostAddress();
	}

	private static InetSocketAddress peer(String address) {
		return new InetSocketAddress(address(address), 40000);
	}

	private static InetAddress address(String literal) {
		return TrustedProxies.literal(literal);
	}

}
