package dev.marquee.webhooks;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetsTest {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
			"169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.251", "0.0.0.0", "255.255.255.255",
			"192.0.0.170", "198.18.0.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
			"::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::10.0.0.1" })
	void refusesAddressesThatAreNotPublicUnicast(String literal) throws Exception {
		assertThat(Targets.refusedBecause(InetAddress.getByName(literal))).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
			"64:ff9b::808:808" })
	void acceptsPublicAddresses(String literal) throws Exception {
		assertThat(Targets.refusedBecause(InetAddress.getByName(literal))).isEmpty();
	}

	@Test
	void aHostnameThatResolvesToLoopbackIsRefused() {
		assertThatThrownBy(() -> Targets.resolve(Targets.parse("https://localhost/hook", false, 2000), false))
			.isInstanceOf(Targets.Refused.class)
			.hasMessageContaining("loopback");
	}

	@Test
	void allowPrivateTargetsLetsLoopbackThrough() throws Exception {
		assertThat(Targets.resolve(Targets.parse("http://127.0.0.1:8080/hook", true, 2000), true).isLoopbackAddress())
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://93.184.216.34/hook", "ftp://93.184.216.34/", "https://user:pass@93.184.216.34/",
			"https://93.184.216.34/#part", "https:///nohost", "not a url", "" })
	void refusesUrlsOfTheWrongForm(String url) {
		assertThatThrownBy(() -> Targets.parse(url, false, 2000)).isInstanceOf(Targets.Refused.class);
	}

	@Test
	void refusesAUrlLongerThanTheBound() {
		assertThatThrownBy(() -> Targets.parse("https://93.184.216.34/" + "a".repeat(100), false, 50))
			.isInstanceOf(Targets.Refused.class)
			.hasMessageContaining("longer than 50");
	}

	@Test
	void keepsPathQueryAndPortForTheRequest() throws Exception {
		Targets.Target target = Targets.parse("https://Hooks.Example.com:8443/in/marquee?token=abc", false, 2000);
		assertThat(target.host()).isEqualTo("hooks.example.com");
		assertThat(target.port()).isEqualTo(8443);
		assertThat(target.pathAndQuery()).isEqualTo("/in/marquee?token=abc");
		assertThat(target.hostHeader()).isEqualTo("hooks.example.com:8443");
		assertThat(Targets.parse("https://[2606:4700::1]/", false, 2000).hostHeader()).isEqualTo("[2606:4700::1]");
	}

}
