package dev.marquee.series;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.marquee.company.Company;
import dev.marquee.graphql.Connection;
import dev.marquee.node.NodeLookup;
import dev.marquee.graphql.Page;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class SeriesController implements NodeLookup {

	private final SeriesService series;

	private final SeriesCommands commands;

	SeriesController(SeriesService series, SeriesCommands commands, BatchLoaderRegistry loaders) {
		this.series = series;
		this.commands = commands;
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

	@MutationMapping
	SeriesPayload createSeries(@Argument SeriesCommands.CreateSeriesInput input, @ContextValue Viewer viewer) {
		var outcome = this.commands.create(viewer, input);
		return new SeriesPayload(outcome.value(), outcome.errors());
	}

	record SeriesPayload(EventSeries series, java.util.List<dev.marquee.graphql.UserError> errors) {
	}

	@Override
	public String type() {
		return "EventSeries";
	}

	@Override
	public Optional<EventSeries> findNode(ObjectId id, Viewer viewer) {
		return Optional.ofNullable(this.series.byIds(java.util.List.of(id)).get(id));
	}

}
