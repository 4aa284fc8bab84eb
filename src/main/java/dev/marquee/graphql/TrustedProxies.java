package dev.marquee.graphql;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The direct peers trusted to say who the client is ({@code marquee.rate-limit.trusted-proxies}): CIDR
 * blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) or single addresses. Only address literals are read; a host
 * name is refused (it would be resolved through DNS on every start).
 */
final class TrustedProxies {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<Block> blocks;

	private TrustedProxies(List<Block> blocks) {
		this.blocks = blocks;
	}

	/** The blocks of these entries, or an {@link IllegalArgumentException} naming the first that does not parse. */
	static TrustedProxies parse(List<String> entries) {
		List<Block> blocks = new ArrayList<>();
		for (String entry : entries) {
			blocks.add(Block.parse(entry));
		}
		return new TrustedProxies(List.copyOf(blocks));
	}

	boolean isEmpty() {
		return this.blocks.isEmpty();
	}

	boolean contains(InetAddress address) {
		return address != null && this.blocks.stream().anyMatch((block) -> block.contains(address));
	}

	/**
	 * The address in this text if it is an IPv4 or IPv6 literal ({@code [::1]} and a port after IPv4 allowed,
	 * as proxies write them), else null: never a DNS lookup.
	 */
	static InetAddress literal(String text) {
		String value = text.trim();
		if (value.startsWith("[")) {
			int end = value.indexOf(']');
			value = (end > 0) ? value.substring(1, end) : value;
		}
		else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
			// IPv4 with a port
			value = value.substring(0, value.indexOf(':'));
		}
		if (!IPV4.matcher(value).matches() && !IPV6.matcher(value).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(value);
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			return null;
		}
	}

	private record Block(byte[] network, int prefix) {

		static Block parse(String entry) {
			String text = (entry != null) ? entry.trim() : "";
			int slash = text.indexOf('/');
			InetAddress address = literal((slash < 0) ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("marquee.rate-limit.trusted-proxies: '" + entry
						+ "' is no IP address or CIDR block (such as 10.0.0.0/8 or fd00::/8)");
			}
			int bits = address.getAddress().length * 8;
			int prefix = bits;
			if (slash >= 0) {
				try {
					prefix = Integer.parseInt(text.substring(slash + 1));
				}
				catch (NumberFormatException ex) {
					prefix = -1;
				}
				if (prefix < 0 || prefix > bits) {
					throw new IllegalArgumentException("marquee.rate-limit.trusted-proxies: '" + entry
							+ "' has a prefix length outside 0.." + bits);
				}
			}
			return new Block(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (bytes[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[whole] & mask) == (this.network[whole] & mask);
		}

	}

}
