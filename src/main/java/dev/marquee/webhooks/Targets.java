package dev.marquee.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may send (SSRF): an {@code https} URL (or {@code http} where allowed) without user
 * info or fragment, whose host resolves only to public unicast addresses. Refused: loopback, private
 * (RFC 1918, fc00::/7, the old fec0::/10), link-local (169.254/16, fe80::/10), CGNAT 100.64/10, multicast,
 * unspecified and "this network" (0/8), the IETF protocol block 192.0.0/24, benchmarking 198.18/15,
 * reserved 240/4 and broadcast, and IPv6 forms that carry such an IPv4 address (mapped, compatible, NAT64
 * 64:ff9b::/96, 6to4 2002::/16). A host with any refused address is refused as a whole.
 * <p>
 * The check runs when the webhook is created and again before every attempt, and the attempt connects to
 * the very address that was checked ({@link HttpPost}), so a name that resolves to another address the
 * second time (DNS rebinding) cannot lead an attempt anywhere unchecked.
 */
final class Targets {

	/** A parsed target: what the request line, the Host header and TLS need. */
	record Target(String url, boolean https, String host, int port, String pathAndQuery) {

		/** The Host header: the port only when it is not the scheme's default. */
		String hostHeader() {
			String name = this.host.contains(":") ? "[" + this.host + "]" : this.host;
			return (this.port == (this.https ? 443 : 80)) ? name : name + ":" + this.port;
		}

	}

	/** Why a target is refused, said so that the organizer can fix it. */
	static final class Refused extends Exception {

		Refused(String message) {
			super(message, null, false, false);
		}

	}

	private Targets() {
	}

	/** Parses and checks the URL's form (no DNS). */
	static Target parse(String url, boolean allowHttp, int maxLength) throws Refused {
		if (url == null || url.isBlank()) {
			throw new Refused("Give the URL the deliveries are sent to.");
		}
		if (url.length() > maxLength) {
			throw new Refused("The URL is longer than " + maxLength + " characters.");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new Refused("The URL is not valid: " + ex.getReason() + ".");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean https = scheme.equals("https");
		if (!https && !(allowHttp && scheme.equals("http"))) {
			throw new Refused(allowHttp ? "The URL must start with https:// or http://."
					: "The URL must start with https:// (deliveries are never sent in the clear).");
		}
		if (uri.getRawUserInfo() != null) {
			throw new Refused("The URL must not carry a user name or password; authenticate deliveries by their signature.");
		}
		if (uri.getRawFragment() != null) {
			throw new Refused("The URL must not have a #fragment.");
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw new Refused("The URL has no valid host name (write international names in their xn-- form).");
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : (https ? 443 : 80);
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return new Target(url, https, host.toLowerCase(Locale.ROOT), port, path + query);
	}

	/**
	 * Resolves the target's host and answers the address to connect to: the first one, when every
	 * address is allowed.
	 */
	static InetAddress resolve(Target target, boolean allowPrivate) throws Refused {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(target.host());
		}
		catch (UnknownHostException ex) {
			throw new Refused("The host " + target.host() + " does not resolve.");
		}
		if (!allowPrivate) {
			for (InetAddress address : addresses) {
				Optional<String> why = refusedBecause(address);
				if (why.isPresent()) {
					throw new Refused("The host " + target.host() + " resolves to " + address.getHostAddress() + ", "
							+ why.get() + "; webhooks are sent only to public addresses.");
				}
			}
		}
		return addresses[0];
	}

	/** Why an address is no place for a webhook; empty for a public unicast address. */
	static Optional<String> refusedBecause(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] b = address.getAddress();
			if ((b[0] & 0xfe) == 0xfc) {
				return Optional.of("a private (unique local) address");
			}
			if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
				return Optional.of("a private (site-local) address");
			}
			Optional<byte[]> embedded = embeddedIpv4(b);
			if (embedded.isPresent()) {
				try {
					return refusedBecause(InetAddress.getByAddress(embedded.get()))
						.map((why) -> why + " inside an IPv6 address");
				}
				catch (UnknownHostException ex) {
					throw new IllegalStateException("four bytes are an IPv4 address", ex);
				}
			}
		}
		if (address.isAnyLocalAddress()) {
			return Optional.of("the unspecified address");
		}
		if (address.isLoopbackAddress()) {
			return Optional.of("a loopback address");
		}
		if (address.isLinkLocalAddress()) {
			return Optional.of("a link-local address");
		}
		if (address.isSiteLocalAddress()) {
			return Optional.of("a private address");
		}
		if (address.isMulticastAddress()) {
			return Optional.of("a multicast address");
		}
		if (address instanceof Inet4Address) {
			byte[] b = address.getAddress();
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			if (first == 100 && (second & 0xc0) == 64) {
				return Optional.of("a shared (CGNAT) address");
			}
			if (first == 0) {
				return Optional.of("an address of \"this network\"");
			}
			if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
				return Optional.of("an IETF protocol address");
			}
			if (first == 198 && (second & 0xfe) == 18) {
				return Optional.of("a benchmarking address");
			}
			if (first >= 240) {
				return Optional.of("a reserved address");
			}
		}
		return Optional.empty();
	}

	/** The IPv4 address inside an IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address. */
	private static Optional<byte[]> embeddedIpv4(byte[] b) {
		boolean zeroPrefix = true;
		for (int i = 0; i < 12; i++) {
			zeroPrefix &= b[i] == 0;
		}
		boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
		for (int i = 4; nat64 && i < 12; i++) {
			nat64 = b[i] == 0;
		}
		if ((zeroPrefix && !(b[12] == 0 && b[13] == 0 && b[14] == 0)) || nat64) {
			return Optional.of(new byte[] { b[12], b[13], b[14], b[15] });
		}
		if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
			return Optional.of(new byte[] { b[2], b[3], b[4], b[5] });
		}
		return Optional.empty();
	}

}
