import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Gives the change log of a running cluster N past entries, as a day of a busy event leaves them (check-ins
 * of an edition nobody subscribes to, the log keeps 7 days): reserves N seqs from the counter, as the
 * application does, and inserts them in batches. The nodes follow them like any change; wait until their
 * {@code marquee.changes.lag} is 0 before measuring.
 *
 * <pre>
 * java -cp "$(bench/live/driver-classpath.sh)" bench/live/FillChangeLog.java mongodb://127.0.0.1:27117/marquee 50000
 * </pre>
 */
public class FillChangeLog {

	public static void main(String[] args) {
		String uri = args[0];
		int entries = Integer.parseInt(args[1]);
		try (MongoClient client = MongoClients.create(uri)) {
			var database = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase());
			MongoCollection<Document> counters = database.getCollection("change_counters");
			MongoCollection<Document> changes = database.getCollection("changes");
			Document counter = counters.findOneAndUpdate(Filters.eq("_id", "changes"), Updates.inc("seq", (long) entries),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
			long last = ((Number) counter.get("seq")).longValue();
			ObjectId series = new ObjectId();
			ObjectId event = new ObjectId();
			List<Document> batch = new ArrayList<>();
			for (long seq = last - entries + 1; seq <= last; seq++) {
				batch.add(new Document("_id", seq).append("at", new Date())
					.append("kind", "CHECKED_IN")
					.append("seriesId", series)
					.append("eventId", event)
					.append("subjectId", new ObjectId())
					.append("data", new Document("registered", 2_500).append("checkedIn", (int) (seq % 2_500))));
				if (batch.size() == 1_000 || seq == last) {
					changes.insertMany(batch);
					batch.clear();
				}
			}
			System.err.printf("changes %d..%d inserted%n", last - entries + 1, last);
		}
	}

}
