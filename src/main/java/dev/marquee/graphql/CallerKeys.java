package dev.marquee.graphql;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Whose budget a request spends: the signed-in account ({@link SignedInCaller}), else the client address. The
 * client is the direct peer, unless that peer is a trusted proxy ({@code marquee.rate-limit.trusted-proxies}):
 * then it is the rightmost {@code X-Forwarded-For} address that is not itself a trusted proxy (each proxy
 * appends the peer it saw, so entries to the left of the last untrusted one are the client's own word). An
 * entry that is no address literal (such as {@code unknown}) ends the walk at the peer: a proxy that cannot
 * name its client shares one budget among them rather than letting a header pick one.
 */
final class CallerKeys {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private final TrustedProxies trusted;

	private final Optional<SignedInCaller> signedIn;

	CallerKeys(TrustedProxies trusted, Optional<SignedInCaller> signedIn) {
		this.trusted = trusted;
		this.signedIn = signedIn;
	}

	String of(InetSocketAddress peer, List<String> forwardedFor) {
		Optional<String> account = this.signedIn.flatMap(SignedInCaller::currentKey);
		if (account.isPresent()) {
			return account.get();
		}
		InetAddress client = client((peer != null) ? peer.getAddress() : null, forwardedFor, this.trusted);
		return "client:" + ((client != null) ? client.getHostAddress() : "unknown");
	}

	/** The client of a request from {@code peer} with these {@code X-Forwarded-For} header values. */
	static InetAddress client(InetAddress peer, List<String> forwardedFor, TrustedProxies trusted) {
		if (peer == null || !trusted.contains(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
			return peer;
		}
		InetAddress client = peer;
		List<String> values = forwardedFor;
		for (int h = values.size() - 1; h >= 0; h--) {
			String[] entries = values.get(h).split(",");
			for (int i = entries.length - 1; i >= 0; i--) {
				if (entries[i].isBlank()) {
					continue;
				}
				InetAddress entry = TrustedProxies.literal(entries[i]);
				if (entry == null) {
					return peer;
				}
				client = entry;
				if (!trusted.contains(entry)) {
					return entry;
				}
			}
		}
		// every hop is a trusted proxy: the leftmost is as close to the client as the chain gets
		return client;
	}

}
