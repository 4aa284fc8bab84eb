package dev.marquee.account;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that validate this service's tokens, for other services and gateways. */
@RestController
class JwksController {

	private final JwtKeys keys;

	JwksController(JwtKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
	Map<String, Object> jwks() {
		return this.keys.publicKeys().toJSONObject();
	}

}
