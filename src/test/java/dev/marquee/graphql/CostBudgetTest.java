package dev.marquee.graphql;

import java.util.List;
import java.util.Map;

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

}
