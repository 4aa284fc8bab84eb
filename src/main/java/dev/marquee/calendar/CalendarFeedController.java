package dev.marquee.calendar;

import java.util.Map;
import java.util.Optional;

import dev.marquee.security.Viewer;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /api/events/{slug}/calendar.ics} and {@code GET /api/series/{slug}/calendar.ics} (HEAD too):
 * {@code text/calendar}, open to anyone; drafts only for organizers of the series and admins. Anonymous
 * feeds are {@code public} for {@code marquee.calendar.max-age}, signed-in ones {@code private, no-store};
 * both carry a strong {@code ETag}, and an {@code If-None-Match} that matches it is answered 304 without
 * the feed being written. An unknown slug, or a draft the caller may not see, is 404.
 */
@RestController
class CalendarFeedController {

	static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=utf-8");

	private final CalendarFeeds feeds;

	private final CalendarProperties properties;

	CalendarFeedController(CalendarFeeds feeds, CalendarProperties properties) {
		this.feeds = feeds;
		this.properties = properties;
	}

	@GetMapping("/api/events/{slug}/calendar.ics")
	ResponseEntity<?> event(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer,
			ServletWebRequest request) {
		Viewer caller = (viewer != null) ? viewer : Viewer.ANONYMOUS;
		return answer(this.feeds.ofEvent(slug, caller, baseUrl()), caller, slug, request,
				"No event with the slug `" + slug + "`.");
	}

	@GetMapping("/api/series/{slug}/calendar.ics")
	ResponseEntity<?> series(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer,
			ServletWebRequest request) {
		Viewer caller = (viewer != null) ? viewer : Viewer.ANONYMOUS;
		return answer(this.feeds.ofSeries(slug, caller, baseUrl()), caller, slug, request,
				"No series with the slug `" + slug + "`.");
	}

	private ResponseEntity<?> answer(Optional<CalendarFeeds.Feed> feed, Viewer caller, String slug,
			ServletWebRequest request, String missing) {
		if (feed.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("error", missing));
		}
		CacheControl cache = caller.isSignedIn() ? CacheControl.noStore().cachePrivate()
				: CacheControl.maxAge(this.properties.maxAge()).cachePublic();
		String etag = feed.get().etag();
		// 304s carry the same validators and caching headers as the 200 would
		request.getResponse().setHeader(HttpHeaders.CACHE_CONTROL, cache.getHeaderValue());
		request.getResponse().setHeader(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
		if (request.checkNotModified(etag)) {
			return null;
		}
		return ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			.eTag(etag)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + slug.replaceAll("[^A-Za-z0-9._-]", "_") + ".ics\"")
			.body(feed.get().text());
	}

	/** The request's base URL, used for {@code URL} only when {@code marquee.calendar.public-url} is not set. */
	private String baseUrl() {
		return this.properties.publicUrl().isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
				: null;
	}

}
