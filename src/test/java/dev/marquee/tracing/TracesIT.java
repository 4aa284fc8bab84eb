package dev.marquee.tracing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.marquee.support.StandaloneApplication;
import dev.marquee.tracing.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With an OTLP endpoint configured, the event page reaches the collector as one trace: the HTTP request,
 * the GraphQL request, its data fetchers and data loaders, and the MongoDB commands they sent.
 */
class TracesIT {

	@TempDir
	Path dataDir;

	@Test
	void eventPageReachesTheCollectorAsOneTraceDownToItsMongoCommands() throws IOException {
		try (OtlpReceiver collector = OtlpReceiver.start();
				StandaloneApplication app = StandaloneApplication.start(this.dataDir, "embedded",
						"--management.opentelemetry.tracing.export.otlp.endpoint=" + collector.tracesUrl(),
						// the batch goes out soon after the request instead of after the default 5 s
						"--management.opentelemetry.tracing.export.schedule-delay=100ms")) {
			app.graphQl()
				.documentName("eventPage")
				.operationName("eventPage")
				.variable("slug", "ai-on-the-lot-2026")
				.execute()
				.path("event.sponsorships[*].company.group.name")
				.entityList(String.class)
				.contains("Amazon");

			// on a timeout Awaitility shows every span received
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(100))
				.until(collector::spans, (spans) -> complete(traceOfOperation(spans, "eventPage")));
			List<ReceivedSpan> trace = traceOfOperation(collector.spans(), "eventPage");

			assertThat(trace).extracting(ReceivedSpan::serviceName).containsOnly("marquee");
			assertThat(names(trace)).contains("http post /graphql", "graphql query", "graphql field event",
					"graphql field sponsorships");
			ReceivedSpan http = only(trace, "http post /graphql");
			assertThat(http.parentSpanId()).as("the HTTP request starts the trace").isEmpty();
			assertThat(trace).as("every span descends from the HTTP request")
				.allSatisfy((span) -> assertThat(root(span, trace)).isEqualTo(http));
			assertThat(trace).filteredOn(TracesIT::isDataLoader).isNotEmpty();
			List<ReceivedSpan> mongoCommands = trace.stream().filter(TracesIT::isMongoCommand).toList();
			assertThat(mongoCommands).as("MongoDB command spans in %s", trace).isNotEmpty();
			assertThat(mongoCommands).extracting((span) -> span.attributes().get("db.namespace"))
				.as("the commands' database").containsOnly("marquee");
			assertThat(mongoCommands).allSatisfy((span) -> assertThat(span.attributes())
				.as("no command payloads (personal data) in spans").doesNotContainKey("db.query.text"));
		}
	}

	/** Every span of the trace whose GraphQL request span ran this operation (empty until it arrives). */
	private static List<ReceivedSpan> traceOfOperation(List<ReceivedSpan> spans, String operationName) {
		Set<String> traceIds = spans.stream()
			.filter((span) -> span.name().equals("graphql query"))
			.filter((span) -> operationName.equals(span.attributes().get("graphql.operation.name")))
			.map(ReceivedSpan::traceId)
			.collect(Collectors.toSet());
		return spans.stream().filter((span) -> traceIds.contains(span.traceId())).toList();
	}

	/** The request's spans have all arrived: the HTTP span, which ends last, and some MongoDB commands. */
	private static boolean complete(List<ReceivedSpan> trace) {
		return names(trace).contains("http post /graphql") && trace.stream().anyMatch(TracesIT::isMongoCommand);
	}

	/** The span's ancestor without a parent in the trace. */
	private static ReceivedSpan root(ReceivedSpan span, List<ReceivedSpan> trace) {
		ReceivedSpan current = span;
		while (true) {
			String parentId = current.parentSpanId();
			ReceivedSpan parent = trace.stream().filter((other) -> other.spanId().equals(parentId)).findFirst().orElse(null);
			if (parent == null) {
				return current;
			}
			current = parent;
		}
	}

	private static boolean isMongoCommand(ReceivedSpan span) {
		return "mongodb".equals(span.attributes().get("db.system.name"))
			&& span.attributes().containsKey("db.command.name");
	}

	private static boolean isDataLoader(ReceivedSpan span) {
		return span.name().startsWith("graphql dataloader");
	}

	private static List<String> names(List<ReceivedSpan> trace) {
		return trace.stream().map(ReceivedSpan::name).toList();
	}

	private static ReceivedSpan only(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> named = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(named).as("spans named %s in %s", name, trace).hasSize(1);
		return named.get(0);
	}

}
