package dev.marquee.series;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.marquee.company.Company;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.NodeLookup;
import dev.marquee.graphql.Page;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class SeriesController implements NodeLookup {

	private final SeriesService series;

	SeriesController(SeriesService series, BatchLoaderRegistry loaders) {
		this.series = series;
		loaders.forTypePair(ObjectId.class, EventSeries.class)
			.registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> series.byIds(ids)));
	}

	@QueryMapping
	EventSeries series(@Argument String slug) {
		return this.series.bySlug(slug).orElse(null);
	}

	@QueryMapping
	Connection<EventSeries> seriesList(@Argument Integer first, @Argument String after) {
		return this.series.list(Page.of(first, after, 20));
	}

	@SchemaMapping
	CompletableFuture<Company> organizer(EventSeries series, DataLoader<ObjectId, Company> companies) {
		return (series.organizerId() != null) ? companies.load(series.organizerId())
				: CompletableFuture.completedFuture(null);
	}

	@Override
	public String type() {
		return "EventSeries";
	}

	@Override
	public Optional<EventSeries> findNode(ObjectId id) {
		return Optional.ofNullable(this.series.byIds(java.util.List.of(id)).get(id));
	}

}
