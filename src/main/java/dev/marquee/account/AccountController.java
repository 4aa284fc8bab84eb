package dev.marquee.account;

import java.util.List;
import java.util.Optional;

import dev.marquee.graphql.GlobalId;
import dev.marquee.node.NodeLookup;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.Role;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class AccountController implements NodeLookup {

	private final AccountService accounts;

	private final AccountCommands commands;

	private final SeriesService series;

	private final AccessPolicy policy;

	AccountController(AccountService accounts, AccountCommands commands, SeriesService series, AccessPolicy policy) {
		this.accounts = accounts;
		this.commands = commands;
		this.series = series;
		this.policy = policy;
	}

	/** The signed-in local account; null for anonymous callers and for users of an external issuer. */
	@QueryMapping
	Account me(@ContextValue Viewer viewer) {
		return (viewer.accountId() != null) ? this.accounts.byId(viewer.accountId()).orElse(null) : null;
	}

	/** Series the account may organize: every series for an admin. */
	@SchemaMapping
	List<EventSeries> series(Account account) {
		return this.policy.organizesEverySeries(account.roles()) ? this.series.all() : List.copyOf(this.series.byIds(account.seriesIds()).values());
	}

	@SchemaMapping
	List<Role> roles(Account account) {
		return account.roles().stream().sorted().toList();
	}

	@MutationMapping
	AccountPayload createAccount(@Argument AccountCommands.CreateAccountInput input, @ContextValue Viewer viewer) {
		return payload(this.commands.create(viewer, input));
	}

	@MutationMapping
	AccountPayload grantSeriesAccess(@Argument String accountId, @Argument String seriesId,
			@ContextValue Viewer viewer) {
		return payload(this.commands.grantSeriesAccess(viewer, GlobalId.decode(accountId, "Account").orElse(null),
				GlobalId.decode(seriesId, "EventSeries").orElse(null)));
	}

	@MutationMapping
	AccountPayload disableAccount(@Argument String accountId, @ContextValue Viewer viewer) {
		return payload(this.commands.setEnabled(viewer, GlobalId.decode(accountId, "Account").orElse(null), false));
	}

	@MutationMapping
	AccountPayload enableAccount(@Argument String accountId, @ContextValue Viewer viewer) {
		return payload(this.commands.setEnabled(viewer, GlobalId.decode(accountId, "Account").orElse(null), true));
	}

	@MutationMapping
	AccountPayload changePassword(@Argument String currentPassword, @Argument String newPassword,
			@ContextValue Viewer viewer) {
		return payload(this.commands.changePassword(viewer, currentPassword, newPassword));
	}

	private static AccountPayload payload(Outcome<Account> outcome) {
		return new AccountPayload(outcome.value(), outcome.errors());
	}

	@Override
	public String type() {
		return "Account";
	}

	/** An account is visible to itself and to admins. */
	@Override
	public Optional<Account> findNode(ObjectId id, Viewer viewer) {
		if (!this.policy.maySeeAccount(viewer, id)) {
			return Optional.empty();
		}
		return this.accounts.byId(id);
	}

	record AccountPayload(Account account, List<UserError> errors) {
	}

}
