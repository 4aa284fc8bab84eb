package dev.marquee.search;

import java.util.List;

import dev.marquee.graphql.Page;
import dev.marquee.security.Viewer;
import dev.marquee.storage.SearchText;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class SearchController {

	private final SearchEngine engine;

	SearchController(SearchEngine engine) {
		this.engine = engine;
	}

	@QueryMapping
	List<Object> search(@Argument String text, @Argument Integer first, @ContextValue Viewer viewer) {
		Page page = Page.of(first, null, 20);
		String query = SearchText.normalize(text);
		if (query.isEmpty() || page.first() == 0) {
			return List.of();
		}
		return this.engine.search(query, page.first(), viewer);
	}

}
