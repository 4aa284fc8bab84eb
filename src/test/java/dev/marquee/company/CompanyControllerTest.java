package dev.marquee.company;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.ForbiddenException;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.Page;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.Role;
import dev.marquee.security.Viewer;
import dev.marquee.support.GraphQlSliceTest;
import dev.marquee.support.Records;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The GraphQL layer of companies as one slice ({@code @GraphQlTest}: the real schema, this controller
 * and the error model; services mocked, no server, no MongoDB): how arguments and inputs are bound,
 * how the subsidiaries of a page are read in one batch, and how each kind of failure is answered —
 * a refused mutation in its payload, a bad argument as BAD_REQUEST naming it, a fault as a generic
 * INTERNAL_ERROR with an id and nothing of the fault.
 */
@GraphQlSliceTest(CompanyController.class)
class CompanyControllerTest {

	private static final Viewer OLGA = new Viewer(new ObjectId(), "olga", Set.of(Role.ORGANIZER), Set.of());

	@Autowired
	private ExecutionGraphQlServiceTester graphQl;

	@MockitoBean
	private CompanyService companies;

	@MockitoBean
	private CompanyCommands commands;

	@Test
	void aCompanyIsAnsweredWithItsGlobalIdAndFields() {
		Company acme = company("acme", "Acme Pictures");
		given(this.companies.bySlug("acme")).willReturn(Optional.of(acme));

		GraphQlTester.Response response = this.graphQl.documentName("companyBySlug").variable("slug", "acme").execute();

		response.path("company.id").entity(String.class).isEqualTo(GlobalId.encode("Company", acme.id()));
		response.path("company.name").entity(String.class).isEqualTo("Acme Pictures");
		response.path("company.kind").entity(String.class).isEqualTo("STUDIO");
		response.path("company.website").entity(String.class).isEqualTo("https://acme.example");
	}

	@Test
	void theFilterAndPageArgumentsAreBoundToTheServicesRecords() {
		given(this.companies.list(any(), any())).willReturn(page());

		this.graphQl.documentName("companiesPage")
			.variable("filter", Map.of("kind", List.of("STUDIO", "STREAMER"), "nameContains", "pict"))
			.variable("first", 5)
			.variable("after", "c1")
			.execute()
			.path("companies.edges")
			.entityList(Object.class)
			.hasSize(0);

		verify(this.companies).list(new CompanyService.CompanyFilter(List.of(CompanyKind.STUDIO, CompanyKind.STREAMER), null, "pict"),
				new Page(5, "c1"));
	}

	@Test
	void withoutArgumentsAPageIsTheFirstTwentyAndNoFilter() {
		given(this.companies.list(any(), any())).willReturn(page());

		this.graphQl.document("{ companies { totalCount } }").execute().path("companies.totalCount").entity(Long.class)
			.isEqualTo(0L);

		verify(this.companies).list(null, new Page(20, null));
	}

	@Test
	void aPageSizeOutOfRangeIsABadRequestNamingTheArgumentAndReadsNothing() {
		GraphQlTester.Response response = this.graphQl.documentName("companiesPage").variable("first", 101).execute();

		response.errors().satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
			assertThat(error.getMessage()).isEqualTo("`first` must be between 0 and 100, was 101.");
			assertThat(error.getExtensions()).containsEntry("argument", "first");
			assertThat(error.getPath()).isEqualTo("companies");
		}));
		verify(this.companies, never()).list(any(), any());
	}

	@Test
	void theSubsidiariesOfAWholePageAreReadInOneBatch() {
		Company acme = company("acme", "Acme");
		Company globex = company("globex", "Globex");
		Company initech = company("initech", "Initech");
		given(this.companies.list(any(), any())).willReturn(page(acme, globex, initech));
		given(this.companies.subsidiaries(List.of(acme.id(), globex.id(), initech.id())))
			.willReturn(Map.of(acme.id(), List.of(company("acme-vfx", "Acme VFX"), company("acme-tv", "Acme TV")),
					initech.id(), List.of(company("initrode", "Initrode"))));

		GraphQlTester.Response response = this.graphQl.documentName("companiesWithSubsidiaries").execute();

		response.path("companies.nodes[*].subsidiaries[*].slug")
			.entityList(String.class)
			.containsExactly("acme-vfx", "acme-tv", "initrode");
		response.path("companies.nodes[1].subsidiaries").entityList(Object.class).hasSize(0);
		verify(this.companies, times(1)).subsidiaries(any());
	}

	@Test
	void aMutationsInputIsBoundToTheCommandsRecordWithTheCallersViewer() {
		Company initech = company("initech", "Initech");
		given(this.commands.create(eq(OLGA), any())).willReturn(Outcome.ok(initech));

		GraphQlTester.Response response = as(OLGA).documentName("createCompany")
			.variable("input", Map.of("slug", "initech", "name", "Initech", "kind", "STUDIO", "website",
					"https://initech.example", "parentSlug", "acme"))
			.execute();

		response.path("createCompany.company.slug").entity(String.class).isEqualTo("initech");
		response.path("createCompany.company.group.slug").entity(String.class).isEqualTo("initech");
		response.path("createCompany.errors").entityList(Object.class).hasSize(0);
		ArgumentCaptor<CompanyCommands.CreateCompanyInput> input = ArgumentCaptor
			.forClass(CompanyCommands.CreateCompanyInput.class);
		verify(this.commands).create(eq(OLGA), input.capture());
		assertThat(input.getValue()).satisfies((created) -> {
			assertThat(created.slug()).isEqualTo("initech");
			assertThat(created.name()).isEqualTo("Initech");
			assertThat(created.kind()).isEqualTo(CompanyKind.STUDIO);
			assertThat(created.website()).hasToString("https://initech.example");
			assertThat(created.parentSlug()).isEqualTo("acme");
		});
	}

	@Test
	void aRefusedMutationAnswersEveryUserErrorInItsPayloadAndNoObject() {
		given(this.commands.create(any(), any())).willReturn(Outcome.failed(List.of(
				UserError.of(UserErrorCode.DUPLICATE, "A company with this slug exists.", "input", "slug"),
				UserError.forbidden("A company can be put only under a company of a group you created."))));

		GraphQlTester.Response response = as(OLGA).documentName("createCompany")
			.variable("input", Map.of("slug", "acme", "name", "Acme", "kind", "STUDIO"))
			.execute();

		response.path("createCompany.company").valueIsNull();
		response.path("createCompany.errors[*].code").entityList(String.class).containsExactly("DUPLICATE", "FORBIDDEN");
		response.path("createCompany.errors[0].field").entityList(String.class).containsExactly("input", "slug");
		response.path("createCompany.errors[0].message").entity(String.class).isEqualTo("A company with this slug exists.");
		response.path("createCompany.errors[1].field").valueIsNull();
	}

	@Test
	void aValueTheSchemaRefusesNeverReachesTheCommands() {
		GraphQlTester.Response response = as(OLGA).documentName("createCompany")
			.variable("input", Map.of("slug", "acme", "name", "Acme", "kind", "BAKERY"))
			.execute();

		response.errors().satisfy((errors) -> assertThat(errors).singleElement()
			.satisfies((error) -> assertThat(error.getMessage()).contains("BAKERY")));
		verify(this.commands, never()).create(any(), any());
	}

	@Test
	void anUnexpectedFaultIsAGenericInternalErrorWithAnIdAndNothingOfTheFault() {
		given(this.companies.bySlug("acme"))
			.willThrow(new IllegalStateException("Timed out on mongodb://db-7.internal:27017 (secret)"));

		GraphQlTester.Response response = this.graphQl.documentName("companyBySlug").variable("slug", "acme").execute();

		response.errors().satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getErrorType()).isEqualTo(ErrorType.INTERNAL_ERROR);
			String errorId = (String) error.getExtensions().get("errorId");
			assertThat(errorId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(error.getMessage()).isEqualTo("Internal error; quote id " + errorId + " when reporting it.");
			// over HTTP the classification joins the extensions; nothing else does
			assertThat(error.getExtensions()).containsOnlyKeys("errorId");
			assertThat(error.getPath()).isEqualTo("company");
		}));
		response.path("company").valueIsNull();
	}

	@Test
	void eachFaultHasItsOwnErrorId() {
		given(this.companies.bySlug(any())).willThrow(new IllegalStateException("boom"));

		String first = errorId(this.graphQl.documentName("companyBySlug").variable("slug", "a").execute());
		String second = errorId(this.graphQl.documentName("companyBySlug").variable("slug", "b").execute());

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void aForbiddenReadIsAForbiddenErrorWithItsMessage() {
		given(this.companies.bySlug("acme")).willThrow(new ForbiddenException("Only organizers see this."));

		GraphQlTester.Response response = this.graphQl.documentName("companyBySlug").variable("slug", "acme").execute();

		response.errors().satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
			assertThat(error.getMessage()).isEqualTo("Only organizers see this.");
		}));
	}

	private GraphQlTester as(Viewer viewer) {
		return this.graphQl.mutate()
			.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(Viewer.CONTEXT_KEY, viewer)).build())
			.build();
	}

	private static String errorId(GraphQlTester.Response response) {
		String[] id = new String[1];
		response.errors().satisfy((errors) -> id[0] = (String) errors.get(0).getExtensions().get("errorId"));
		assertThat(id[0]).isNotNull();
		return id[0];
	}

	private static Company company(String slug, String name) {
		ObjectId id = new ObjectId();
		return Records.with(Company.class, "id", id, "slug", slug, "name", name, "kind", CompanyKind.STUDIO, "website",
				"https://" + slug + ".example", "groupId", id);
	}

	private static Connection<Company> page(Company... rows) {
		List<Connection.Edge<Company>> edges = java.util.Arrays.stream(rows)
			.map((row) -> new Connection.Edge<>("cursor-" + row.slug(), row))
			.toList();
		return new Connection<>(edges, false, false, () -> rows.length);
	}

}
