package dev.marquee.live;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.marquee.security.Viewer;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;

/**
 * The WebSocket subscriptions of one node, with one execution for every subscriber who would get the same
 * answers: the same document, operation, variables and extensions, asked by the same {@link Key#viewer viewer}
 * (a thousand lobby screens on one edition are one graphql-java execution, one DataLoader registry, one read
 * per change and one JSON encoding per message, not a thousand). What a subscription sends depends on nothing
 * else: the socket, not the execution, holds what is per subscriber (the client's subscription slot, the
 * token's expiry, the send buffer).
 * <p>
 * Every subscriber's request is still executed up to its stream (parsed, validated, priced and charged, its
 * viewer checked) by {@link LiveSocketHandler}; only its stream is not started when one with its key runs
 * already. A subscriber who joins a running {@code attendanceChanged} gets the last counters it sent at once (a
 * new stream would send the current counters first; those are the last sent until the next change), one who
 * joins {@code eventChanged} only the changes from then on. A subscription whose root field is not one of
 * these, or cannot be told, runs alone. The last subscriber to leave cancels the execution.
 */
final class SharedSubscriptions {

	private static final Logger log = LoggerFactory.getLogger(SharedSubscriptions.class);

	/** Root fields whose streams are shared, and whether a stream starts with the current value. */
	private static final Map<String, Boolean> SHARED_FIELDS = Map.of("attendanceChanged", true, "eventChanged", false);

	private final Map<Key, Execution> running = new ConcurrentHashMap<>();

	private final JsonMapper json;

	SharedSubscriptions(JsonMapper json) {
		this.json = json;
	}

	/**
	 * What an execution's answers depend on. The viewer is a value (roles, account, organized series), the one
	 * security/ViewerInterceptor puts into the execution ({@code Viewers.of}), anonymous as
	 * {@code Viewer.ANONYMOUS}.
	 */
	record Key(String rootField, String query, String operationName, Map<String, Object> variables,
			Map<String, Object> extensions, Viewer viewer) {
	}

	/** The key of a request whose root field is shared, else null (it runs alone). */
	static Key keyOf(String rootField, Map<String, Object> body, Viewer viewer) {
		if (rootField == null || !SHARED_FIELDS.containsKey(rootField)) {
			return null;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> variables = (Map<String, Object>) body.get("variables");
		@SuppressWarnings("unchecked")
		Map<String, Object> extensions = (Map<String, Object>) body.get("extensions");
		return new Key(rootField, (String) body.get("query"), (String) body.get("operationName"),
				(variables != null) ? variables : Map.of(), (extensions != null) ? extensions : Map.of(), viewer);
	}

	/** One subscriber's end of an execution. */
	interface Member {

		/** One result, as the JSON of its specification map. */
		void next(String result);

		void error(List<GraphQLError> errors);

		void complete();

	}

	/**
	 * Adds {@code member} to the running execution of {@code key}, else makes {@code own} (the member's own
	 * execution's stream) the one that runs for {@code key}; a null key runs {@code own} for the member alone.
	 * Cancelling the returned handle takes the member out.
	 */
	Subscription join(Key key, Member member, Publisher<ExecutionResult> own) {
		boolean latestFirst = (key != null) && SHARED_FIELDS.get(key.rootField());
		while (true) {
			Execution[] created = new Execution[1];
			Execution execution = (key == null) ? (created[0] = new Execution(null, false))
					: this.running.compute(key, (k, existing) -> (existing != null && !existing.hasEnded()) ? existing
							: (created[0] = new Execution(k, latestFirst)));
			Subscription membership = execution.add(member);
			if (membership == null) {
				// it ended between the lookup and the join: start or join the next one
				continue;
			}
			if (execution == created[0]) {
				Flux.from(own).subscribe(execution);
			}
			return membership;
		}
	}

	/** Executions running on this node for shared root fields (each for one or more subscribers). */
	int executions() {
		return this.running.size();
	}

	/** A subscription's error as GraphQL errors: its own when it published them, else a generic one (logged). */
	static List<GraphQLError> errorsOf(Throwable ex) {
		if (ex instanceof SubscriptionPublisherException published) {
			return published.getErrors();
		}
		log.error("Live subscription failed", ex);
		return List.of(internalError());
	}

	static GraphQLError internalError() {
		return GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR).message("Subscription error").build();
	}

	/** One execution's stream and the members it answers, in the order they joined. */
	private final class Execution extends BaseSubscriber<ExecutionResult> {

		private static final Membership[] NONE = {};

		private final Key key;

		private final boolean latestFirst;

		/** Guarded by this, as are the two fields below. */
		private final Set<Membership> members = new LinkedHashSet<>();

		private String latest;

		private boolean ended;

		Execution(Key key, boolean latestFirst) {
			this.key = key;
			this.latestFirst = latestFirst;
		}

		synchronized boolean hasEnded() {
			return this.ended;
		}

		/** The member's handle, or null when this execution has ended. */
		synchronized Subscription add(Member member) {
			if (this.ended) {
				return null;
			}
			Membership membership = new Membership(this, member);
			this.members.add(membership);
			if (this.latestFirst && this.latest != null) {
				// under the lock that hookOnNext holds: never after a newer result
				member.next(this.latest);
			}
			return membership;
		}

		void leave(Membership membership) {
			synchronized (this) {
				if (!this.members.remove(membership) || this.ended || !this.members.isEmpty()) {
					return;
				}
				this.ended = true;
			}
			forget();
			cancel();
		}

		@Override
		protected void hookOnNext(ExecutionResult result) {
			String encoded = SharedSubscriptions.this.json.writeValueAsString(result.toSpecification());
			synchronized (this) {
				this.latest = encoded;
				// a snapshot: a member whose socket overflows leaves (from inside next) while the others get it
				for (Membership membership : this.members.toArray(NONE)) {
					membership.member.next(encoded);
				}
			}
		}

		@Override
		protected void hookOnError(Throwable ex) {
			List<GraphQLError> errors = errorsOf(ex);
			for (Membership membership : end()) {
				membership.member.error(errors);
			}
		}

		@Override
		protected void hookOnComplete() {
			for (Membership membership : end()) {
				membership.member.complete();
			}
		}

		private Membership[] end() {
			Membership[] members;
			synchronized (this) {
				this.ended = true;
				members = this.members.toArray(NONE);
				this.members.clear();
			}
			forget();
			return members;
		}

		private void forget() {
			if (this.key != null) {
				SharedSubscriptions.this.running.remove(this.key, this);
			}
		}

	}

	/** A member's place in an execution: cancelling it leaves. */
	private static final class Membership implements Subscription {

		private final Execution execution;

		private final Member member;

		Membership(Execution execution, Member member) {
			this.execution = execution;
			this.member = member;
		}

		@Override
		public void request(long n) {
			// the socket's send buffer is the bound (its bytes, then a close); the streams coalesce what they send
		}

		@Override
		public void cancel() {
			this.execution.leave(this);
		}

	}

}
