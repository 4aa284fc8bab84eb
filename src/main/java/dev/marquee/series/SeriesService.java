package dev.marquee.series;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.storage.KeysetPager;
import dev.marquee.storage.Lookups;
import dev.marquee.storage.Ordering;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Reads of event series; {@link SeriesCommands} writes them. */
@Service
public class SeriesService {

	static final Ordering<EventSeries> BY_NAME = new Ordering<>("series-name", "nameKey", Direction.ASC,
			EventSeries::nameKey);

	private final MongoTemplate mongo;

	private final KeysetPager pager;

	SeriesService(MongoTemplate mongo, KeysetPager pager) {
		this.mongo = mongo;
		this.pager = pager;
	}

	public Optional<EventSeries> bySlug(String slug) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("slug").is(slug)), EventSeries.class));
	}

	public Map<ObjectId, EventSeries> byIds(Collection<ObjectId> ids) {
		return Lookups.byIds(this.mongo, EventSeries.class, ids, null);
	}

	/** Every series by name (an admin's grants); the hub has tens to hundreds of them. */
	public java.util.List<EventSeries> all() {
		return this.mongo.find(new Query().with(BY_NAME.sort()), EventSeries.class);
	}

	Connection<EventSeries> list(Page page) {
		return this.pager.page(EventSeries.class, new Criteria(), BY_NAME, page);
	}

}
