package dev.marquee.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import dev.marquee.security.Role;
import dev.marquee.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start with no account: creates the admin from {@code MARQUEE_ADMIN_USERNAME} /
 * {@code MARQUEE_ADMIN_PASSWORD}, or with a generated strong password that is logged once. There is no
 * built-in default password.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final AccountService accounts;

	private final AccountCommands commands;

	private final SecurityProperties properties;

	AdminBootstrap(AccountService accounts, AccountCommands commands, SecurityProperties properties) {
		this.accounts = accounts;
		this.commands = commands;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.accounts.isEmpty()) {
			return;
		}
		String username = this.properties.admin().username();
		String password = this.properties.admin().password();
		boolean generated = (password == null || password.isEmpty());
		if (generated) {
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		}
		else {
			var checks = new dev.marquee.graphql.Checks();
			PasswordPolicy.check(checks, username, password);
			if (checks.failed()) {
				throw new IllegalStateException("MARQUEE_ADMIN_PASSWORD does not meet the password policy: "
						+ checks.errors().get(0).message());
			}
		}
		this.commands.insert(username, password, Set.of(Role.ADMIN));
		if (generated) {
			log.warn("Created the first admin account '{}' with the generated password: {}  "
					+ "(shown once; set MARQUEE_ADMIN_PASSWORD to choose it)", username, password);
		}
		else {
			log.info("Created the first admin account '{}' from MARQUEE_ADMIN_USERNAME/MARQUEE_ADMIN_PASSWORD", username);
		}
	}

}
