package dev.marquee.account;

import java.util.concurrent.CompletableFuture;

import dev.marquee.audit.AuditEntry;
import dev.marquee.audit.AuditLog;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.ForbiddenException;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Page;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class AuditController {

	private final AuditLog audit;

	private final SeriesService series;

	private final AccessPolicy policy;

	AuditController(AuditLog audit, SeriesService series, AccessPolicy policy) {
		this.audit = audit;
		this.series = series;
		this.policy = policy;
	}

	/** ADMIN only; anyone else gets a FORBIDDEN error. An unknown series slug gives an empty page. */
	@QueryMapping
	Connection<AuditEntry> auditLog(@Argument Integer first, @Argument String after, @Argument String seriesSlug,
			@ContextValue Viewer viewer) {
		if (!this.policy.maySeeAuditLog(viewer)) {
			throw new ForbiddenException("Only admins may read the audit log.");
		}
		Page page = Page.of(first, after, 20);
		ObjectId seriesId = null;
		if (seriesSlug != null) {
			seriesId = this.series.bySlug(seriesSlug).map(EventSeries::id).orElse(new ObjectId(new byte[12]));
		}
		return this.audit.page(seriesId, page);
	}

	@SchemaMapping(typeName = "AuditEntry")
	String objectId(AuditEntry entry) {
		return GlobalId.encode(entry.objectType(), entry.objectId());
	}

	@SchemaMapping(typeName = "AuditEntry")
	CompletableFuture<EventSeries> series(AuditEntry entry, DataLoader<ObjectId, EventSeries> loader) {
		return (entry.seriesId() != null) ? loader.load(entry.seriesId()) : CompletableFuture.completedFuture(null);
	}

}
