// Which filters does the embedded server (mongo-java-server 1.47.0) answer from its _id index? In-memory
// backend, 80,000 documents, 200 ids. Found while measuring the event page (docs/benchmarks.md, "Floor check").
// Run (JDK 17+, jars from ~/.m2):
//   M=~/.m2/repository; CP=$(ls $M/org/mongodb/{bson,bson-record-codec,mongodb-driver-core,mongodb-driver-sync}/5.8.1/*-5.8.1.jar \
//     $M/de/bwaldvogel/mongo-java-server-{core,memory-backend}/1.47.0/*.jar | tr '\n' ':')
//   for n in buffer codec codec-base common handler resolver transport transport-native-unix-common; do
//     CP=$CP:$(ls $M/io/netty/netty-$n/*/netty-$n-*.jar | grep -v sources | tail -1); done
//   CP=$CP:$(ls $M/org/slf4j/slf4j-api/*/slf4j-api-*.jar | tail -1)
//   java -cp "$CP" bench/probe/Probe.java

import com.mongodb.client.*; import com.mongodb.client.model.*; import org.bson.*; import org.bson.types.ObjectId; import java.util.*;
import de.bwaldvogel.mongo.MongoServer; import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
public class Probe { public static void main(String[] a) throws Exception {
  MongoServer server = new MongoServer(new MemoryBackend()); var addr = server.bind();
  try (MongoClient c = MongoClients.create("mongodb://127.0.0.1:" + addr.getPort())) {
    MongoCollection<Document> col = c.getDatabase("t").getCollection("sessions");
    List<ObjectId> ids = new ArrayList<>(); List<Document> batch = new ArrayList<>(); ObjectId ev = new ObjectId();
    for (int i = 0; i < 80000; i++) { ObjectId id = new ObjectId(); if (i % 400 == 0) ids.add(id);
      batch.add(new Document("_id", id).append("eventId", i % 400 == 0 ? ev : new ObjectId()).append("draft", false).append("checkedInAt", null).append("pad", "x".repeat(200)));
      if (batch.size() == 5000) { col.insertMany(batch); batch.clear(); } }
    String[] names = {"_id $in (200)", "_id $in + draft:false", "$and[_id $in, draft]", "eventId scan", "_id eq", "_id eq + checkedInAt null", "findOneAndUpdate _id + checkedInAt null"};
    for (int round = 0; round < 2; round++) for (int q = 0; q < names.length; q++) { long t = System.nanoTime(); int n;
      switch (q) {
        case 0 -> n = col.find(Filters.in("_id", ids)).into(new ArrayList<>()).size();
        case 1 -> n = col.find(new Document("_id", new Document("$in", ids)).append("draft", false)).into(new ArrayList<>()).size();
        case 2 -> n = col.find(Filters.and(Filters.in("_id", ids), Filters.eq("draft", false))).into(new ArrayList<>()).size();
        case 3 -> n = col.find(Filters.and(Filters.eq("eventId", ev), Filters.eq("draft", false))).into(new ArrayList<>()).size();
        case 4 -> n = col.find(Filters.eq("_id", ids.get(7))).into(new ArrayList<>()).size();
        case 5 -> n = col.find(Filters.and(Filters.eq("_id", ids.get(7)), Filters.eq("checkedInAt", null))).into(new ArrayList<>()).size();
        default -> n = col.findOneAndUpdate(Filters.and(Filters.eq("_id", ids.get(8 + round)), Filters.eq("checkedInAt", null)), Updates.set("checkedInAt", new Date())) == null ? 0 : 1;
      }
      System.out.printf("round %d %-42s %4d docs %8.1f ms%n", round, names[q], n, (System.nanoTime() - t) / 1e6); }
  } server.shutdown(); } }
