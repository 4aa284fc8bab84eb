package dev.marquee.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.program.Session;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.storage.HasId;
import dev.marquee.storage.SearchText;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Search that needs nothing beyond {@code $match}, {@code $facet} and {@code $limit}, so it runs on the
 * embedded server and on MongoDB alike. Every searchable document stores {@code terms}: its normalised
 * name and slug from each word on. A query matches a document when a term starts with it, an anchored
 * regular expression that MongoDB answers from the multikey index on {@code terms}. One aggregation
 * per collection splits the matches into exact (name or slug equal), prefix (name starts with the
 * query) and word (a later word starts with it), each capped at {@code first}.
 */
@Component
class PortableSearchEngine implements SearchEngine {

	private static final List<Source> SOURCES = List.of(
			new Source(EventSeries.class, EventSeries.COLLECTION, "nameKey", true, Visibility.PUBLIC),
			new Source(Event.class, Event.COLLECTION, "nameKey", true, Visibility.EVENT),
			new Source(Company.class, Company.COLLECTION, "nameKey", true, Visibility.PUBLIC),
			new Source(Person.class, Person.COLLECTION, "nameKey", false, Visibility.LISTED),
			new Source(Session.class, Session.COLLECTION, "titleKey", false, Visibility.EVENT_PART));

	private final MongoTemplate mongo;

	private final AccessPolicy policy;

	PortableSearchEngine(MongoTemplate mongo, AccessPolicy policy) {
		this.mongo = mongo;
		this.policy = policy;
	}

	@Override
	public List<Object> search(String query, int first, Viewer viewer) {
		List<Hit> hits = new ArrayList<>();
		for (Source source : SOURCES) {
			Criteria visible = switch (source.visibility()) {
				case PUBLIC -> null;
				case EVENT -> this.policy.visibleEvents(viewer);
				case EVENT_PART -> this.policy.visibleEventParts(viewer);
				case LISTED -> this.policy.visiblePeople(viewer);
			};
			hits.addAll(search(source, query, first, visible));
		}
		hits.sort(Comparator.comparingInt(Hit::rank)
			.thenComparingInt((Hit hit) -> hit.key().length())
			.thenComparing(Hit::key)
			.thenComparingInt(Hit::source));
		return hits.stream().limit(first).map(Hit::document).toList();
	}

	private List<Hit> search(Source source, String query, int first, Criteria visible) {
		String prefix = SearchText.prefixRegex(query);
		Criteria match = Criteria.where("terms").regex(prefix);
		if (visible != null) {
			match = new Criteria().andOperator(match, visible);
		}
		Criteria exact = source.hasSlug()
				? new Criteria().orOperator(Criteria.where(source.keyField()).is(query),
						Criteria.where("slug").is(query.replace(' ', '-')))
				: Criteria.where(source.keyField()).is(query);
		// within a tier, the same matches in the same order on every backend and every run
		var byKey = Aggregation.sort(org.springframework.data.domain.Sort.by(source.keyField(), "_id"));
		Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(match),
				Aggregation.facet(Aggregation.match(exact), Aggregation.limit(first))
					.as("exact")
					.and(Aggregation.match(Criteria.where(source.keyField()).regex(prefix)), byKey,
							Aggregation.limit(first))
					.as("prefix")
					.and(byKey, Aggregation.limit(3L * first))
					.as("word"));
		Document facets = this.mongo.aggregate(aggregation, source.collection(), Document.class).getUniqueMappedResult();
		List<Hit> hits = new ArrayList<>();
		if (facets == null) {
			return hits;
		}
		Set<Object> seen = new HashSet<>();
		int sourceIndex = SOURCES.indexOf(source);
		String[] tiers = { "exact", "prefix", "word" };
		for (int rank = 0; rank < tiers.length; rank++) {
			for (Document raw : facets.getList(tiers[rank], Document.class, List.of())) {
				HasId document = this.mongo.getConverter().read(source.type(), raw);
				if (seen.add(document.id())) {
					hits.add(new Hit(rank, raw.getString(source.keyField()), sourceIndex, document));
				}
			}
		}
		return hits;
	}

	private record Source(Class<? extends HasId> type, String collection, String keyField, boolean hasSlug,
			Visibility visibility) {
	}

	private enum Visibility {

		PUBLIC, EVENT, EVENT_PART, LISTED

	}

	private record Hit(int rank, String key, int source, Object document) {

		Hit {
			key = (key != null) ? key : "";
		}

	}

}
