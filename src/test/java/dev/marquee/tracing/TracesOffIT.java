package dev.marquee.tracing;

import dev.marquee.support.IntegrationTest;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without an OTLP endpoint (the default, and the whole suite's setting) traces cost nothing: no span
 * exporter exists, Micrometer's no-op tracer and propagator stand in for OpenTelemetry's, and the
 * MongoDB client has no command observation.
 */
class TracesOffIT extends IntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void withoutAnOtlpEndpointNoSpanIsStartedAndNothingCanBeExported() {
		this.graphQl.documentName("eventPage")
			.variable("slug", "no-such-event")
			.execute()
			.path("event")
			.valueIsNull();

		assertThat(this.context.getBeanProvider(SpanExporter.class).stream()).as("span exporters").isEmpty();
		assertThat(this.context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
		assertThat(this.context.getBean(Propagator.class)).isSameAs(Propagator.NOOP);
		assertThat(this.context.containsBean("mongoCommandSpans")).as("MongoDB command observation").isFalse();
	}

}
