package dev.marquee.graphql;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which address a request comes from, the one answer for every per-client limit (the query budgets of
 * {@link CostBudget}, the live sockets' and subscriptions' slots): the direct peer, unless that peer is a trusted
 * proxy ({@code marquee.rate-limit.trusted-proxies}); then the rightmost {@code X-Forwarded-For} address that is
 * not itself a trusted proxy (each proxy appends the peer it saw, so entries to the left of the last untrusted
 * one are the client's own word). An entry that is no address literal (such as {@code unknown}) ends the walk at
 * the peer: a proxy that cannot name its client shares one budget among them rather than letting a header pick
 * one.
 */
@Component
public class ClientAddresses {

	/** The header a trusted proxy names the client in. */
	public static final String FORWARDED_FOR = "X-Forwarded-For";

	private final TrustedProxies trusted;

	@Autowired
	ClientAddresses(RateLimitProperties properties) {
		this(TrustedProxies.parse(properties.trustedProxies()));
	}

	ClientAddresses(TrustedProxies trusted) {
		this.trusted = trusted;
	}

	/**
	 * The client of a request from {@code peer} with these {@code X-Forwarded-For} header values (null or empty
	 * when it has none); null when the peer is unknown.
	 */
	public InetAddress of(InetSocketAddress peer, List<String> forwardedFor) {
		InetAddress direct = (peer != null) ? peer.getAddress() : null;
		if (direct == null || !this.trusted.contains(direct) || forwardedFor == null || forwardedFor.isEmpty()) {
			return direct;
		}
		InetAddress client = direct;
		for (int h = forwardedFor.size() - 1; h >= 0; h--) {
			String[] entries = forwardedFor.get(h).split(",");
			for (int i = entries.length - 1; i >= 0; i--) {
				if (entries[i].isBlank()) {
					continue;
				}
				InetAddress entry = TrustedProxies.literal(entries[i]);
				if (entry == null) {
					return direct;
				}
				client = entry;
				if (!this.trusted.contains(entry)) {
					return entry;
				}
			}
		}
		// every hop is a trusted proxy: the leftmost is as close to the client as the chain gets
		return client;
	}

}
