package dev.marquee.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.marquee.security.Role;
import dev.marquee.security.Viewer;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.execution.SubscriptionPublisherException;

import static org.assertj.core.api.Assertions.assertThat;

/** How subscribers share one execution's stream, without a server: the streams are sinks driven by the test. */
class SharedSubscriptionsTest {

	private final SharedSubscriptions shared = new SharedSubscriptions(JsonMapper.builder().build());

	private final SharedSubscriptions.Key counters = SharedSubscriptions.keyOf("attendanceChanged",
			Map.of("query", "subscription { attendanceChanged(eventSlug: \"expo\") { registered } }"), Viewer.ANONYMOUS);

	@Test
	void aJoinerGetsTheLastResultAtOnceThenWhatFollowsAndItsOwnStreamIsNeverStarted() {
		Upstream first = new Upstream();
		Upstream second = new Upstream();
		Recorder a = new Recorder();
		Recorder b = new Recorder();

		this.shared.join(this.counters, a, first.stream());
		first.emit(1);
		this.shared.join(this.counters, b, second.stream());
		first.emit(2);

		assertThat(a.seen).containsExactly("1", "2");
		assertThat(b.seen).containsExactly("1", "2");
		assertThat(second.subscriptions.get()).isZero();
		assertThat(this.shared.executions()).isEqualTo(1);
	}

	@Test
	void aJoinerOfEventChangedGetsOnlyWhatFollows() {
		SharedSubscriptions.Key changes = SharedSubscriptions.keyOf("eventChanged",
				Map.of("query", "subscription { eventChanged(eventSlug: \"expo\") { kind } }"), Viewer.ANONYMOUS);
		Upstream first = new Upstream();
		Recorder a = new Recorder();
		Recorder b = new Recorder();

		this.shared.join(changes, a, first.stream());
		first.emit(1);
		this.shared.join(changes, b, new Upstream().stream());
		first.emit(2);

		assertThat(a.seen).containsExactly("1", "2");
		assertThat(b.seen).containsExactly("2");
	}

	@Test
	void otherVariablesOrAnotherViewerRunTheirOwnExecution() {
		Viewer organizer = new Viewer(null, "olga", Set.of(Role.ORGANIZER), Set.of());
		Upstream anonymous = new Upstream();
		Upstream theirs = new Upstream();
		Upstream otherEdition = new Upstream();

		this.shared.join(this.counters, new Recorder(), anonymous.stream());
		this.shared.join(SharedSubscriptions.keyOf("attendanceChanged", Map.of("query", this.counters.query()), organizer),
				new Recorder(), theirs.stream());
		this.shared.join(SharedSubscriptions.keyOf("attendanceChanged",
				Map.of("query", this.counters.query(), "variables", Map.of("slug", "other")), Viewer.ANONYMOUS),
				new Recorder(), otherEdition.stream());

		assertThat(List.of(anonymous, theirs, otherEdition)).allMatch((upstream) -> upstream.subscriptions.get() == 1);
		assertThat(this.shared.executions()).isEqualTo(3);
	}

	@Test
	void theLastToLeaveCancelsTheStreamAndTheNextSubscriberStartsAFreshOne() {
		Upstream first = new Upstream();
		Subscription a = this.shared.join(this.counters, new Recorder(), first.stream());
		Subscription b = this.shared.join(this.counters, new Recorder(), new Upstream().stream());

		a.cancel();
		assertThat(first.cancelled.get()).isZero();
		b.cancel();
		assertThat(first.cancelled.get()).isEqualTo(1);
		assertThat(this.shared.executions()).isZero();

		Upstream next = new Upstream();
		Recorder c = new Recorder();
		this.shared.join(this.counters, c, next.stream());
		next.emit(7);
		assertThat(next.subscriptions.get()).isEqualTo(1);
		assertThat(c.seen).containsExactly("7");
	}

	@Test
	void anErrorEndsTheExecutionForEveryMemberWithTheErrorsItPublished() {
		Upstream first = new Upstream();
		Recorder a = new Recorder();
		Recorder b = new Recorder();
		this.shared.join(this.counters, a, first.stream());
		this.shared.join(this.counters, b, new Upstream().stream());
		GraphQLError notFound = GraphqlErrorBuilder.newError().message("No edition with slug 'expo' that you may see.").build();

		first.sink.tryEmitError(new SubscriptionPublisherException(List.of(notFound), new IllegalStateException()));

		assertThat(a.errors).containsExactly(notFound);
		assertThat(b.errors).containsExactly(notFound);
		assertThat(this.shared.executions()).isZero();
	}

	@Test
	void aMemberWhoseSocketOverflowsLeavesWhileTheOthersStillGetTheResult() {
		Upstream first = new Upstream();
		Recorder kept = new Recorder();
		Subscription[] overflowing = new Subscription[1];
		Recorder leaving = new Recorder() {

			@Override
			public void next(String result) {
				super.next(result);
				overflowing[0].cancel();
			}

		};
		overflowing[0] = this.shared.join(this.counters, leaving, first.stream());
		this.shared.join(this.counters, kept, new Upstream().stream());

		first.emit(1);
		first.emit(2);

		assertThat(leaving.seen).containsExactly("1");
		assertThat(kept.seen).containsExactly("1", "2");
	}

	@Test
	void aSubscriptionOfAnotherRootFieldRunsAlone() {
		assertThat(SharedSubscriptions.keyOf("somethingElse", Map.of("query", "subscription { somethingElse }"),
				Viewer.ANONYMOUS)).isNull();
		assertThat(SharedSubscriptions.keyOf(null, Map.of("query", "subscription { ...F }"), Viewer.ANONYMOUS)).isNull();
		Upstream alone = new Upstream();
		Recorder a = new Recorder();

		this.shared.join(null, a, alone.stream());
		alone.emit(3);

		assertThat(a.seen).containsExactly("3");
		assertThat(this.shared.executions()).isZero();
	}

	/** One execution's stream: results are {@code {"data": n}}; counts its subscriptions and cancels. */
	private static final class Upstream {

		final Sinks.Many<ExecutionResult> sink = Sinks.many().multicast().directBestEffort();

		final AtomicInteger subscriptions = new AtomicInteger();

		final AtomicInteger cancelled = new AtomicInteger();

		Publisher<ExecutionResult> stream() {
			return Flux.defer(() -> {
				this.subscriptions.incrementAndGet();
				return this.sink.asFlux();
			}).doOnCancel(this.cancelled::incrementAndGet);
		}

		void emit(int data) {
			this.sink.tryEmitNext(ExecutionResultImpl.newExecutionResult().data(data).build());
		}

	}

	/** What one member received: the data of each result, and the errors at the end. */
	private static class Recorder implements SharedSubscriptions.Member {

		final List<String> seen = new CopyOnWriteArrayList<>();

		final List<GraphQLError> errors = new CopyOnWriteArrayList<>();

		@Override
		public void next(String result) {
			// {"data":n}
			this.seen.add(result.replaceAll("\\D", ""));
		}

		@Override
		public void error(List<GraphQLError> errors) {
			this.errors.addAll(errors);
		}

		@Override
		public void complete() {
		}

	}

}
