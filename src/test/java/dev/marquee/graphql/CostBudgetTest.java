package dev.marquee.graphql;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost of what an answer returned. */
class CostBudgetTest {

	@Test
	void actualCostCountsEveryReturnedFieldAndEveryListItem() {
		Map<String, Object> data = Map.of("companies",
				Map.of("nodes", List.of(Map.of("slug", "a", "group", Map.of("slug", "g")), Map.of("slug", "b")),
						"totalCount", 2),
				"__schema", Map.of("types", List.of(Map.of("name", "Query"))));
		// companies 1 + nodes 1 + (slug 1 + group 1 + slug 1) + (slug 1) + totalCount 1; __schema is free
		assertThat(CostBudget.actualCost(data)).isEqualTo(7);
		assertThat(CostBudget.actualCost(null)).isZero();
	}

	@Test
	void aRequestIsChargedWhatItReturnedAtMostWhatItAskedFor() {
		ExecutionResult answered = ExecutionResultImpl.newExecutionResult()
			.data(Map.of("a", List.of(Map.of("b", 1), Map.of("b", 2))))
			.build();
		assertThat(CostBudget.charged(answered, 100)).isEqualTo(3);
		assertThat(CostBudget.charged(answered, 2)).isEqualTo(2);
	}

	@Test
	void aRequestStoppedByTheExecutionGuardIsChargedAllItAskedFor() {
		ExecutionResultImpl stopped = new ExecutionResultImpl(List.of(GraphqlErrorBuilder.newError()
			.message("The request ran longer than 10 s, the limit; it was stopped.")
			.extensions(Map.of("limit", "TIMEOUT"))
			.build()));
		assertThat(CostBudget.charged(stopped, 5000)).isEqualTo(5000);
	}

}
