package dev.marquee.account;

import java.util.Optional;

import dev.marquee.security.TokenSubjects;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;

import org.springframework.stereotype.Component;

/** Accounts and series for the token checks of {@code security}. */
@Component
class AccountTokenSubjects implements TokenSubjects {

	private final AccountService accounts;

	private final SeriesService series;

	AccountTokenSubjects(AccountService accounts, SeriesService series) {
		this.accounts = accounts;
		this.series = series;
	}

	@Override
	public Optional<Account> account(ObjectId accountId) {
		return this.accounts.byId(accountId);
	}

	@Override
	public Optional<ObjectId> seriesIdBySlug(String slug) {
		return this.series.bySlug(slug).map(EventSeries::id);
	}

}
