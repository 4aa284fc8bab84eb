package dev.marquee.program;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events/{eventSlug}/program}: a Sessionize or pretalx/frab program file
 * ({@code application/json}) into the edition, for organizers of the series and admins. Refused before
 * the body is read: unknown or invisible slug 404, not an organizer 403, another content type 415,
 * {@code Content-Length} over {@code marquee.program-import.max-bytes} 413 (also while spooling without
 * one). A file with problems is 422 {@code {errors: [{path, message}]}} and writes nothing.
 */
@RestController
class ProgramImportController {

	private final EventService events;

	private final AccessPolicy policy;

	private final ProgramImport imports;

	private final ProgramImportProperties properties;

	ProgramImportController(EventService events, AccessPolicy policy, ProgramImport imports,
			ProgramImportProperties properties) {
		this.events = events;
		this.policy = policy;
		this.imports = imports;
		this.properties = properties;
	}

	@PostMapping(path = "/api/events/{eventSlug}/program", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> importProgram(@PathVariable String eventSlug, HttpServletRequest request,
			@AuthenticationPrincipal Viewer viewer) throws IOException {
		Viewer caller = (viewer != null) ? viewer : Viewer.ANONYMOUS;
		Optional<Event> event = this.events.bySlug(eventSlug, caller);
		if (event.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("error", "No event with the slug `" + eventSlug + "`."));
		}
		Optional<UserError> denied = this.policy.mayOrganize(caller, event.get().seriesId());
		if (denied.isPresent()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", denied.get().message()));
		}
		long max = this.properties.maxBytes().toBytes();
		if (request.getContentLengthLong() > max) {
			return tooLarge(max);
		}
		try (SpooledBody body = SpooledBody.copy(request.getInputStream(), max)) {
			ProgramImport.Result result = this.imports.importProgram(caller, event.get(), body.path());
			if (!result.problems().isEmpty()) {
				return ResponseEntity.unprocessableEntity().body(Map.of("errors", result.problems()));
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("format", result.system());
			answer.put("sessions", result.plan().sessions().toMap());
			answer.put("speakers", result.plan().speakers().toMap());
			answer.put("tracks", result.plan().tracks().toMap());
			return ResponseEntity.ok(answer);
		}
		catch (SpooledBody.TooLargeException ex) {
			return tooLarge(max);
		}
	}

	private static ResponseEntity<Map<String, Object>> tooLarge(long max) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(Map.of("error", "The file is larger than " + max + " bytes (marquee.program-import.max-bytes)."));
	}

}
