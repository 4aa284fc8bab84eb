package dev.marquee.webhooks;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.ForbiddenException;
import dev.marquee.graphql.Page;
import dev.marquee.graphql.UserError;
import dev.marquee.node.NodeLookup;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.webhooks.WebhookService.DeliveriesKey;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class WebhookController implements NodeLookup {

	private final WebhookService webhooks;

	private final WebhookCommands commands;

	WebhookController(WebhookService webhooks, WebhookCommands commands, BatchLoaderRegistry loaders) {
		this.webhooks = webhooks;
		this.commands = commands;
		loaders.<ObjectId, List<Webhook>>forName("seriesWebhooks")
			.registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> webhooks.activeOf(ids)));
		loaders.<DeliveriesKey, Connection<WebhookDelivery>>forName("webhookDeliveries")
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> webhooks.pages(keys)));
	}

	@MutationMapping
	WebhookPayload createWebhook(@Argument WebhookCommands.CreateWebhookInput input, @ContextValue Viewer viewer) {
		var outcome = this.commands.create(viewer, input);
		return outcome.isOk() ? new WebhookPayload(outcome.value().webhook(), outcome.value().secret(), List.of())
				: new WebhookPayload(null, null, outcome.errors());
	}

	@MutationMapping
	WebhookPayload deleteWebhook(@Argument String id, @ContextValue Viewer viewer) {
		var outcome = this.commands.delete(viewer, id);
		return new WebhookPayload(outcome.value(), null, outcome.errors());
	}

	@MutationMapping
	WebhookPayload redeliverWebhook(@Argument String deliveryId, @ContextValue Viewer viewer) {
		var outcome = this.commands.redeliver(viewer, deliveryId);
		return new WebhookPayload(outcome.value(), null, outcome.errors());
	}

	/** Organizers of the series and admins only; the active webhooks of a batch of series in one query. */
	@SchemaMapping(typeName = "EventSeries")
	CompletableFuture<List<Webhook>> webhooks(EventSeries series, @ContextValue Viewer viewer,
			DataLoader<ObjectId, List<Webhook>> seriesWebhooks) {
		if (!this.webhooks.mayManage(viewer, series.id())) {
			throw new ForbiddenException("Webhooks are visible to the organizers of the series only.");
		}
		return seriesWebhooks.load(series.id()).thenApply((found) -> (found != null) ? found : List.of());
	}

	@SchemaMapping
	CompletableFuture<EventSeries> series(Webhook webhook, DataLoader<ObjectId, EventSeries> loader) {
		return loader.load(webhook.seriesId());
	}

	@SchemaMapping
	CompletableFuture<Connection<WebhookDelivery>> deliveries(Webhook webhook, @Argument Integer first,
			@Argument String after, DataLoader<DeliveriesKey, Connection<WebhookDelivery>> webhookDeliveries) {
		return webhookDeliveries.load(new DeliveriesKey(webhook.id(), Page.of(first, after, 20)));
	}

	@SchemaMapping(typeName = "WebhookDelivery")
	List<WebhookDelivery.Attempt> attemptLog(WebhookDelivery delivery) {
		return (delivery.log() != null) ? delivery.log() : List.of();
	}

	@Override
	public String type() {
		return "Webhook";
	}

	@Override
	public Optional<Webhook> findNode(ObjectId id, Viewer viewer) {
		return this.webhooks.visible(id, viewer);
	}

	/** {@code node(id)} for deliveries. */
	@Bean
	static NodeLookup webhookDeliveryNodes(WebhookService webhooks) {
		return new NodeLookup() {
			@Override
			public String type() {
				return "WebhookDelivery";
			}

			@Override
			public Optional<WebhookDelivery> findNode(ObjectId id, Viewer viewer) {
				return webhooks.visibleDelivery(id, viewer);
			}
		};
	}

	record WebhookPayload(Webhook webhook, String secret, List<UserError> errors) {
	}

}
