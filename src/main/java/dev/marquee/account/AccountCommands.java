package dev.marquee.account;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.marquee.audit.AuditLog;
import dev.marquee.graphql.Checks;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Role;
import dev.marquee.security.Viewer;
import dev.marquee.series.SeriesGrants;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Writing accounts: creation under the password policy, series grants, disabling and enabling, password
 * changes. Disabling and a password change bump {@code tokenVersion} in the same update, which refuses
 * every older token at once.
 */
@Service
public class AccountCommands implements SeriesGrants {

	private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@-]{3,64}$");

	private final MongoTemplate mongo;

	private final AccountService accounts;

	private final PasswordEncoder passwords;

	private final AccessPolicy policy;

	private final SeriesService series;

	private final AuditLog audit;

	private final LoginThrottle throttle;

	AccountCommands(MongoTemplate mongo, AccountService accounts, PasswordEncoder passwords, AccessPolicy policy,
			SeriesService series, AuditLog audit, LoginThrottle throttle) {
		this.mongo = mongo;
		this.accounts = accounts;
		this.passwords = passwords;
		this.policy = policy;
		this.series = series;
		this.audit = audit;
		this.throttle = throttle;
	}

	record CreateAccountInput(String username, String password, Collection<Role> roles) {
	}

	Outcome<Account> create(Viewer viewer, CreateAccountInput input) {
		Optional<UserError> denied = this.policy.mayAdminister(viewer);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		String username = input.username();
		String password = input.password();
		Set<Role> roles = (input.roles() != null) ? Set.copyOf(input.roles()) : Set.of();
		Checks checks = new Checks();
		checks.require(username != null && USERNAME.matcher(username).matches(), UserErrorCode.INVALID_INPUT,
				"A username is 3 to 64 letters, digits or . _ @ -.", "input", "username");
		PasswordPolicy.check(checks, username, password, "input", "password");
		checks.require(roles != null && !roles.isEmpty(), UserErrorCode.INVALID_INPUT, "Give at least one role.",
				"input", "roles");
		if (checks.failed()) {
			return checks.outcome();
		}
		try {
			Account account = insert(username, password, roles);
			this.audit.record(viewer, "createAccount", "Account", account.id(), null, null, account.tokenVersion(),
					"created account " + username + " with roles " + roles);
			return Outcome.ok(account);
		}
		catch (DuplicateKeyException ex) {
			return Outcome.failed(UserError.of(UserErrorCode.DUPLICATE, "The username `" + username + "` is taken.",
					"input", "username"));
		}
	}

	/** Inserts an account without policy checks: for the first admin at start-up and for test fixtures. */
	public Account insert(String username, String password, Set<Role> roles) {
		return this.mongo.insert(Account.of(new ObjectId(), username, this.passwords.encode(password), roles,
				Instant.now()));
	}

	Outcome<Account> grantSeriesAccess(Viewer viewer, ObjectId accountId, ObjectId seriesId) {
		Optional<UserError> denied = this.policy.mayAdminister(viewer);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Checks checks = new Checks();
		checks.require(accountId != null && this.accounts.byId(accountId).isPresent(), UserErrorCode.NOT_FOUND,
				"No account with this ID.", "accountId");
		checks.require(seriesId != null && !this.series.byIds(Set.of(seriesId)).isEmpty(), UserErrorCode.NOT_FOUND,
				"No series with this ID.", "seriesId");
		if (checks.failed()) {
			return checks.outcome();
		}
		Account account = grant(accountId, seriesId);
		this.audit.record(viewer, "grantSeriesAccess", "Account", accountId, seriesId, null, null,
				"granted series " + seriesId.toHexString() + " to " + account.username());
		return Outcome.ok(account);
	}

	/** Adds a series to an account's grants (idempotent: {@code $addToSet}). */
	public Account grant(ObjectId accountId, ObjectId seriesId) {
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(accountId)),
				new Update().addToSet("seriesIds", seriesId), FindAndModifyOptions.options().returnNew(true),
				Account.class);
	}

	@Override
	public void addGrant(ObjectId accountId, ObjectId seriesId) {
		grant(accountId, seriesId);
	}

	@Override
	public void removeGrant(ObjectId accountId, ObjectId seriesId) {
		revoke(accountId, seriesId);
	}

	/** Removes a grant again (undoes {@link #grant} when what it was for could not be written). */
	public void revoke(ObjectId accountId, ObjectId seriesId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId)),
				new Update().pull("seriesIds", seriesId), Account.class);
	}

	Outcome<Account> setEnabled(Viewer viewer, ObjectId accountId, boolean enabled) {
		Optional<UserError> denied = this.policy.mayAdminister(viewer);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		if (accountId == null) {
			return Outcome.failed(UserError.notFound("No account with this ID.", "accountId"));
		}
		if (!enabled && accountId.equals(viewer.accountId())) {
			return Outcome.failed(UserError.of(UserErrorCode.CONFLICT, "You cannot disable your own account.",
					"accountId"));
		}
		// one atomic update: the flag and the token version change together, so older tokens stop at once
		Account account = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(accountId)),
				new Update().set("enabled", enabled).inc("tokenVersion", 1),
				FindAndModifyOptions.options().returnNew(true), Account.class);
		if (account == null) {
			return Outcome.failed(UserError.notFound("No account with this ID.", "accountId"));
		}
		this.audit.record(viewer, enabled ? "enableAccount" : "disableAccount", "Account", accountId, null,
				account.tokenVersion() - 1, account.tokenVersion(),
				(enabled ? "enabled " : "disabled ") + account.username());
		return Outcome.ok(account);
	}

	/**
	 * The signed-in account's password. The new one is checked first (no guess spent on a change that
	 * could not happen); each wrong current password counts against the account's throttle.
	 */
	Outcome<Account> changePassword(Viewer viewer, String currentPassword, String newPassword) {
		if (viewer.accountId() == null) {
			return Outcome.failed(UserError.forbidden("Sign in with a local account to change its password."));
		}
		Optional<Account> account = this.accounts.byId(viewer.accountId());
		if (account.isEmpty()) {
			return Outcome.failed(UserError.forbidden("Sign in with a local account to change its password."));
		}
		Checks checks = new Checks();
		PasswordPolicy.check(checks, account.get().username(), newPassword, "newPassword");
		if (checks.failed()) {
			return checks.outcome();
		}
		UserError wrong = UserError.of(UserErrorCode.INVALID_INPUT, "The current password is not right.",
				"currentPassword");
		if (currentPassword == null || PasswordPolicy.beyondBcrypt(currentPassword)) {
			return Outcome.failed(wrong);
		}
		LoginThrottle.Guess guess = this.throttle.reservePasswordChange(account.get().id());
		if (!guess.allowed()) {
			return Outcome.failed(UserError.of(UserErrorCode.TOO_MANY_ATTEMPTS,
					"Too many wrong current passwords; retry in " + guess.retryAfterSeconds() + " s.",
					"currentPassword"));
		}
		if (!this.passwords.matches(currentPassword, account.get().passwordHash())) {
			return Outcome.failed(wrong);
		}
		this.throttle.passwordChanged(guess);
		Account changed = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(viewer.accountId())),
				new Update().set("passwordHash", this.passwords.encode(newPassword)).inc("tokenVersion", 1),
				FindAndModifyOptions.options().returnNew(true), Account.class);
		this.audit.record(viewer, "changePassword", "Account", changed.id(), null, changed.tokenVersion() - 1,
				changed.tokenVersion(), "changed the password of " + changed.username());
		return Outcome.ok(changed);
	}

}
