package dev.marquee.account;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import dev.marquee.storage.Lookups;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Reading accounts and checking credentials; {@link AccountCommands} writes them. */
@Service
public class AccountService {

	private final MongoTemplate mongo;

	private final PasswordEncoder passwords;

	/** Compared against when the username is unknown, so both failures take about the same time. */
	private final String decoyHash;

	AccountService(MongoTemplate mongo, PasswordEncoder passwords) {
		this.mongo = mongo;
		this.passwords = passwords;
		this.decoyHash = passwords.encode("decoy-password-" + new ObjectId());
	}

	public Optional<Account> byId(ObjectId id) {
		return Optional.ofNullable(this.mongo.findById(id, Account.class));
	}

	public Map<ObjectId, Account> byIds(Collection<ObjectId> ids) {
		return Lookups.byIds(this.mongo, Account.class, ids, null);
	}

	public Optional<Account> byUsername(String username) {
		return Optional.ofNullable(this.mongo.findOne(
				Query.query(Criteria.where("usernameKey").is(Account.usernameKey(username))), Account.class));
	}

	boolean isEmpty() {
		return !this.mongo.exists(new Query(), Account.class);
	}

	/** The enabled account with these credentials; the same answer and about the same work otherwise. */
	public Optional<Account> authenticate(String username, String password) {
		if (PasswordPolicy.beyondBcrypt(password)) {
			return Optional.empty();
		}
		Optional<Account> account = byUsername(username);
		String hash = account.map(Account::passwordHash).orElse(this.decoyHash);
		boolean matches = this.passwords.matches(password, hash);
		return account.filter((a) -> matches && a.enabled());
	}

}
