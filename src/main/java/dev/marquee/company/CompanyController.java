package dev.marquee.company;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.marquee.graphql.Connection;
import dev.marquee.node.NodeLookup;
import dev.marquee.graphql.Page;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class CompanyController implements NodeLookup {

	private final CompanyService companies;

	private final CompanyCommands commands;

	CompanyController(CompanyService companies, CompanyCommands commands, BatchLoaderRegistry loaders) {
		this.companies = companies;
		this.commands = commands;
		loaders.forTypePair(ObjectId.class, Company.class)
			.registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> companies.byIds(ids)));
	}

	@QueryMapping
	Company company(@Argument String slug) {
		return this.companies.bySlug(slug).orElse(null);
	}

	@QueryMapping
	Connection<Company> companies(@Argument CompanyService.CompanyFilter filter, @Argument Integer first, @Argument String after) {
		return this.companies.list(filter, Page.of(first, after, 20));
	}

	@SchemaMapping
	CompletableFuture<Company> parent(Company company, DataLoader<ObjectId, Company> loader) {
		return (company.parentId() != null) ? loader.load(company.parentId())
				: CompletableFuture.completedFuture(null);
	}

	@SchemaMapping
	CompletableFuture<Company> group(Company company, DataLoader<ObjectId, Company> loader) {
		return company.groupId().equals(company.id()) ? CompletableFuture.completedFuture(company)
				: loader.load(company.groupId());
	}

	@BatchMapping
	Map<Company, List<Company>> subsidiaries(List<Company> parents) {
		Map<ObjectId, List<Company>> byParent = this.companies.subsidiaries(parents.stream().map(Company::id).toList());
		return parents.stream()
			.collect(java.util.stream.Collectors.toMap((p) -> p, (p) -> byParent.getOrDefault(p.id(), List.of()),
					(a, b) -> a));
	}

	@MutationMapping
	CompanyPayload createCompany(@Argument CompanyCommands.CreateCompanyInput input, @ContextValue Viewer viewer) {
		return payload(this.commands.create(viewer, input));
	}

	@MutationMapping
	CompanyPayload updateCompany(@Argument CompanyCommands.UpdateCompanyInput input, @ContextValue Viewer viewer) {
		return payload(this.commands.update(viewer, input));
	}

	private static CompanyPayload payload(Outcome<Company> outcome) {
		return new CompanyPayload(outcome.value(), outcome.errors());
	}

	record CompanyPayload(Company company, List<UserError> errors) {
	}

	@Override
	public String type() {
		return "Company";
	}

	@Override
	public Optional<Company> findNode(ObjectId id, Viewer viewer) {
		return Optional.ofNullable(this.companies.byIds(List.of(id)).get(id));
	}

}
