package dev.marquee.attendance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import dev.marquee.graphql.UserError;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.storage.SpooledBody;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/events/{eventSlug}/registrations}: CSV in (POST, {@code text/csv}) and out (GET,
 * {@code Accept: text/csv}), for organizers of the series and admins.
 */
@RestController
@RequestMapping("/api/events/{eventSlug}/registrations")
class AttendanceCsvController {

	private static final MediaType CSV = MediaType.parseMediaType("text/csv");

	private final EventService events;

	private final AccessPolicy policy;

	private final AttendanceImport imports;

	private final AttendanceExport exports;

	private final AnalyticsProperties properties;

	AttendanceCsvController(EventService events, AccessPolicy policy, AttendanceImport imports,
			AttendanceExport exports, AnalyticsProperties properties) {
		this.events = events;
		this.policy = policy;
		this.imports = imports;
		this.exports = exports;
		this.properties = properties;
	}

	@PostMapping(consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> importCsv(@PathVariable String eventSlug, HttpServletRequest request,
			@AuthenticationPrincipal Viewer viewer) throws IOException {
		Optional<ResponseEntity<Map<String, Object>>> refused = refuse(eventSlug, viewer);
		if (refused.isPresent()) {
			return refused.get();
		}
		long max = this.properties.maxImportBytes().toBytes();
		if (request.getContentLengthLong() > max) {
			return tooLarge(max);
		}
		try (SpooledBody body = SpooledBody.copy(request.getInputStream(), max)) {
			AttendanceImport.Result result = this.imports.importCsv(viewer, event(eventSlug, viewer), body.path());
			if (!result.errors().isEmpty()) {
				return ResponseEntity.unprocessableEntity().body(Map.of("errors", result.errors()));
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("created", result.counts().created());
			answer.put("updated", result.counts().updated());
			answer.put("unchanged", result.counts().unchanged());
			return ResponseEntity.ok(answer);
		}
		catch (SpooledBody.TooLargeException ex) {
			return tooLarge(max);
		}
	}

	/**
	 * Written on the request thread straight to the response, batch by batch: an asynchronous
	 * {@code StreamingResponseBody} would be cut off, silently, at the async request timeout (30 s by
	 * default) of a large edition's export.
	 */
	@GetMapping(produces = "text/csv")
	void exportCsv(@PathVariable String eventSlug, @AuthenticationPrincipal Viewer viewer,
			HttpServletResponse response) throws IOException {
		Optional<ResponseEntity<Map<String, Object>>> refused = refuse(eventSlug, viewer);
		if (refused.isPresent()) {
			response.setStatus(refused.get().getStatusCode().value());
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getOutputStream()
				.write(String.valueOf(refused.get().getBody().get("error")).getBytes(StandardCharsets.UTF_8));
			return;
		}
		Event event = event(eventSlug, viewer);
		response.setContentType(CSV.toString());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + event.slug() + "-registrations.csv\"");
		this.exports.exportCsv(event, (seriesId) -> this.policy.maySeePersonEmail(viewer, seriesId),
				response.getOutputStream());
	}

	private Event event(String slug, Viewer viewer) {
		return this.events.bySlug(slug, viewer).orElseThrow();
	}

	private Optional<ResponseEntity<Map<String, Object>>> refuse(String slug, Viewer viewer) {
		Viewer caller = (viewer != null) ? viewer : Viewer.ANONYMOUS;
		Optional<Event> event = this.events.bySlug(slug, caller);
		if (event.isEmpty()) {
			return Optional.of(ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("error", "No event with the slug `" + slug + "`.")));
		}
		Optional<UserError> denied = this.policy.mayOrganize(caller, event.get().seriesId());
		return denied.map((error) -> ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", error.message())));
	}

	private static ResponseEntity<Map<String, Object>> tooLarge(long max) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(Map.of("error", "The file is larger than " + max + " bytes (marquee.analytics.max-import-bytes)."));
	}

}
