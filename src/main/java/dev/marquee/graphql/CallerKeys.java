package dev.marquee.graphql;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Whose budget a request spends: the signed-in account ({@link SignedInCaller}), else its client address
 * ({@link ClientAddresses}).
 */
final class CallerKeys {

	private final ClientAddresses addresses;

	private final Optional<SignedInCaller> signedIn;

	CallerKeys(ClientAddresses addresses, Optional<SignedInCaller> signedIn) {
		this.addresses = addresses;
		this.signedIn = signedIn;
	}

	String of(InetSocketAddress peer, List<String> forwardedFor) {
		Optional<String> account = this.signedIn.flatMap(SignedInCaller::currentKey);
		if (account.isPresent()) {
			return account.get();
		}
		InetAddress client = this.addresses.of(peer, forwardedFor);
		return "client:" + ((client != null) ? client.getHostAddress() : "unknown");
	}

}
