package dev.marquee.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * A stand-in for an OpenTelemetry collector: an HTTP server on the loopback address that accepts
 * OTLP/HTTP protobuf exports at {@code /v1/traces} and keeps every span it was sent.
 */
final class OtlpReceiver implements AutoCloseable {

	/** One received span, its IDs in hex as tracing UIs show them. */
	record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String serviceName,
			Map<String, String> attributes) {

		@Override
		public String toString() {
			return this.name + " " + this.traceId + "/" + this.spanId + "<-" + this.parentSpanId + " "
					+ this.attributes;
		}

	}

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		OtlpReceiver receiver = new OtlpReceiver(server);
		server.createContext("/", receiver::handle);
		server.start();
		return receiver;
	}

	/** The URL to configure as the traces endpoint. */
	String tracesUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/** Method, path and content type of every request received, whatever its path. */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + contentType);
			if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/traces".equals(exchange.getRequestURI().getPath())
					|| !"application/x-protobuf".equals(contentType)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			record(ExportTraceServiceRequest.parseFrom(body));
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	private void record(ExportTraceServiceRequest request) {
		HexFormat hex = HexFormat.of();
		request.getResourceSpansList().forEach((resourceSpans) -> {
			String service = attributes(resourceSpans.getResource().getAttributesList()).get("service.name");
			resourceSpans.getScopeSpansList()
				.forEach((scopeSpans) -> scopeSpans.getSpansList()
					.forEach((span) -> this.spans.add(new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()),
							hex.formatHex(span.getSpanId().toByteArray()),
							hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), service,
							attributes(span.getAttributesList())))));
		});
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, (kv) -> text(kv.getValue()), (a, b) -> b));
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			default -> value.toString();
		};
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
