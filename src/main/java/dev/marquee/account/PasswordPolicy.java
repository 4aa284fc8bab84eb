package dev.marquee.account;

import java.nio.charset.StandardCharsets;

import dev.marquee.graphql.Checks;
import dev.marquee.graphql.Utf8;

/** What a password must be: 12 to 128 characters, at most 72 bytes in UTF-8 (bcrypt reads no more), not the username. */
final class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	/** bcrypt reads at most 72 bytes of a password; a longer one is refused rather than cut. */
	static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/** Adds the policy's refusal of {@code password} (if any) to {@code checks}, at {@code field}. */
	static void check(Checks checks, String username, String password, String... field) {
		if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
			checks.invalid("A password is " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long.", field);
		}
		else if (beyondBcrypt(password)) {
			checks.invalid("A password is at most " + MAX_BYTES
					+ " bytes in UTF-8 (bcrypt reads no more); this one is "
					+ password.getBytes(StandardCharsets.UTF_8).length + " bytes: use fewer or plainer characters.",
					field);
		}
		else if (username != null && password.equalsIgnoreCase(username)) {
			checks.invalid("The password must not be the username.", field);
		}
	}

	/** Longer than bcrypt can check: no account has such a password. */
	static boolean beyondBcrypt(String password) {
		return password != null && Utf8.longerThan(password, MAX_BYTES);
	}

}
