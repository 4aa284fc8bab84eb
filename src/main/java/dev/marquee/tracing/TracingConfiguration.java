package dev.marquee.tracing;

import com.mongodb.observability.ObservabilitySettings;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Traces: every Micrometer observation (the HTTP request, Spring GraphQL's request, data fetcher and
 * data loader observations, and here the MongoDB driver's commands) becomes an OpenTelemetry span,
 * exported over OTLP by Spring Boot's OpenTelemetry auto-configuration, but only when an OTLP endpoint
 * is configured ({@value #OTLP_ENDPOINT}, or {@code OTEL_EXPORTER_OTLP_ENDPOINT}, which Spring Boot maps
 * to it). Without one, tracing is off: Micrometer's no-op tracer and propagator stand in for
 * OpenTelemetry's, so no span is started, sampled, queued or exported, and the MongoDB client gets no
 * observation at all.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Configuration(proxyBeanMethods = false)
	@Conditional(TracesExported.class)
	static class Exported {

		/**
		 * Each command the driver sends is a span under the observation that sent it (a data fetcher, a
		 * data loader); command payloads stay out of spans (the driver's default), as they hold personal data.
		 */
		@Bean
		MongoClientSettingsBuilderCustomizer mongoCommandSpans(ObservationRegistry observations) {
			return (settings) -> settings.observabilitySettings(
					ObservabilitySettings.micrometerBuilder().observationRegistry(observations).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(TracesNotExported.class)
	static class Off {

		@Bean
		Tracer noopTracer() {
			return Tracer.NOOP;
		}

		@Bean
		Propagator noopPropagator() {
			return Propagator.NOOP;
		}

	}

	/** An OTLP endpoint is set and export is not switched off ({@code management.tracing.export.enabled}). */
	static class TracesExported extends AllNestedConditions {

		TracesExported() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(OTLP_ENDPOINT)
		static class EndpointSet {

		}

		@ConditionalOnEnabledTracingExport("otlp")
		static class ExportEnabled {

		}

	}

	static class TracesNotExported extends NoneNestedConditions {

		TracesNotExported() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(TracesExported.class)
		static class Exported {

		}

	}

}
