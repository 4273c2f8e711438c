package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static app.sabai.infra.mongo.StoreReading.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-field secondary index answers exactly what a scan answers, reading only the documents in range: the
 * store's own {@code serverStatus} counters say how many documents a query read and whether it scanned a collection.
 */
class RangeIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    static Path dataDirectory;

    static EmbeddedMongoStore memory;
    static EmbeddedMongoStore disk;

    @BeforeAll
    static void start() {
        memory = EmbeddedMongoStore.inMemory("localhost", 0);
        disk = EmbeddedMongoStore.onDisk("localhost", 0, dataDirectory.resolve("store.mv"));
    }

    @AfterAll
    static void stop() {
        memory.close();
        disk.close();
    }

    private static MongoClient client(String backend) {
        return MongoClients.create((backend.equals("memory") ? memory : disk).uri("ranges"));
    }

    /** 200 messages, one due each minute from two hours ago; every tenth already sent (no {@code dueAt} any more). */
    private static void messages(MongoCollection<Document> collection) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Document message = new Document("_id", "m" + i).append("channel", i % 2 == 0 ? "EMAIL" : "SMS");
            if (i % 10 != 0) {
                message.append("dueAt", Date.from(NOW.minusSeconds(7200).plusSeconds(60L * i)));
            }
            documents.add(message);
        }
        collection.insertMany(documents);
    }

    private static MongoCollection<Document> indexed(MongoDatabase database, String name) {
        MongoCollection<Document> collection = database.getCollection(name);
        collection.createIndex(Indexes.ascending("dueAt"), new IndexOptions().sparse(true));
        return collection;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void rangesValuesListsAndExistenceAnswerAsAScanDoes(String backend) {
        try (MongoClient client = client(backend)) {
            MongoDatabase database = client.getDatabase("ranges");
            MongoCollection<Document> withIndex = indexed(database, "answers-indexed-" + backend);
            MongoCollection<Document> withoutIndex = database.getCollection("answers-plain-" + backend);
            messages(withIndex);
            messages(withoutIndex);
            Date now = Date.from(NOW);

            List<Bson> queries = List.of(
                    Filters.lte("dueAt", now),
                    Filters.lt("dueAt", now),
                    Filters.and(Filters.gt("dueAt", Date.from(NOW.minusSeconds(600))), Filters.lte("dueAt", now)),
                    Filters.and(Filters.lte("dueAt", now), Filters.eq("channel", "SMS")),
                    Filters.eq("dueAt", Date.from(NOW.minusSeconds(7200).plusSeconds(60L * 33))),
                    Filters.in("dueAt", Date.from(NOW.minusSeconds(7200).plusSeconds(60L * 33)), Date.from(NOW)),
                    Filters.exists("dueAt"),
                    Filters.exists("dueAt", false),
                    Filters.gte("dueAt", Date.from(NOW.plusSeconds(86_400))));
            for (Bson query : queries) {
                assertThat(ids(withIndex.find(query).sort(Sorts.ascending("_id"))))
                        .as(query.toString())
                        .isEqualTo(ids(withoutIndex.find(query).sort(Sorts.ascending("_id"))));
            }
            assertThat(ids(withIndex.find(Filters.lte("dueAt", now)).sort(Sorts.descending("dueAt")).limit(3)))
                    .containsExactly("m119", "m118", "m117");
            assertThat(database.listCollectionNames().into(new ArrayList<>())).contains("answers-indexed-" + backend);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void aRangeQueryReadsOnlyTheDocumentsInRange(String backend) {
        try (MongoClient client = client(backend)) {
            MongoDatabase database = client.getDatabase("ranges");
            MongoCollection<Document> withIndex = indexed(database, "reads-indexed-" + backend);
            MongoCollection<Document> withoutIndex = database.getCollection("reads-plain-" + backend);
            messages(withIndex);
            messages(withoutIndex);
            Bson dueInTheLastTenMinutes = Filters.and(Filters.gt("dueAt", Date.from(NOW.minusSeconds(600))), Filters.lte("dueAt", Date.from(NOW)));

            StoreReading indexedRead = StoreReading.of(database, () -> ids(withIndex.find(dueInTheLastTenMinutes)));
            StoreReading scan = StoreReading.of(database, () -> ids(withoutIndex.find(dueInTheLastTenMinutes)));

            assertThat(indexedRead.answer()).hasSize(9).isEqualTo(scan.answer());
            assertThat(indexedRead.collectionScans()).isZero();
            assertThat(indexedRead.scannedObjects()).isEqualTo(9);
            assertThat(scan.collectionScans()).isEqualTo(1);
            assertThat(scan.scannedObjects()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void theIndexFollowsInsertsUpdatesRemovalsAndDeletes(String backend) {
        try (MongoClient client = client(backend)) {
            MongoDatabase database = client.getDatabase("ranges");
            MongoCollection<Document> messages = indexed(database, "changes-" + backend);
            messages(messages);
            Date now = Date.from(NOW);

            messages.updateOne(Filters.eq("_id", "m119"), Updates.unset("dueAt"));                   // sent
            messages.updateOne(Filters.eq("_id", "m150"), Updates.set("dueAt", Date.from(NOW.minusSeconds(1))));  // brought forward
            messages.updateOne(Filters.eq("_id", "m10"), Updates.set("dueAt", Date.from(NOW.minusSeconds(2))));   // due again
            messages.deleteOne(Filters.eq("_id", "m118"));
            messages.insertOne(new Document("_id", "new").append("dueAt", Date.from(NOW.minusSeconds(3))));

            StoreReading due = StoreReading.of(database, () -> ids(messages.find(Filters.and(
                    Filters.gt("dueAt", Date.from(NOW.minusSeconds(300))), Filters.lte("dueAt", now))).sort(Sorts.ascending("dueAt"))));

            assertThat(due.answer()).containsExactly("m116", "m117", "new", "m10", "m150");
            assertThat(due.collectionScans()).isZero();
            // Due by now at the start: m0…m120 less the thirteen sent (m0, m10, …, m120); then m119 and m118 leave, m150, m10 and new come.
            assertThat(messages.countDocuments(Filters.lte("dueAt", now))).isEqualTo(121 - 13 - 2 + 3);
        }
    }

    /** An outbox's first entry exists only while events wait: an index on it holds the waiting documents, and no more. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void aPositionalPathIndexesTheFirstElementOfAnArray(String backend) {
        try (MongoClient client = client(backend)) {
            MongoDatabase database = client.getDatabase("ranges");
            MongoCollection<Document> bookings = database.getCollection("outboxes-" + backend);
            bookings.createIndex(Indexes.ascending("outbox.0.eventId"), new IndexOptions().sparse(true));
            for (int i = 0; i < 100; i++) {
                List<Document> outbox = i % 25 == 0 ? List.of(new Document("eventId", "e" + i), new Document("eventId", "f" + i)) : List.of();
                bookings.insertOne(new Document("_id", "b" + i).append("outbox", outbox));
            }
            bookings.updateOne(Filters.eq("_id", "b25"), Updates.pull("outbox", new Document("eventId", "e25")));
            bookings.updateOne(Filters.eq("_id", "b50"), Updates.pull("outbox", new Document("eventId", "e50")));
            bookings.updateOne(Filters.eq("_id", "b50"), Updates.pull("outbox", new Document("eventId", "f50")));
            bookings.updateOne(Filters.eq("_id", "b7"), Updates.push("outbox", new Document("eventId", "e7")));

            StoreReading waiting = StoreReading.of(database, () -> ids(bookings.find(Filters.exists("outbox.0.eventId")).sort(Sorts.ascending("_id"))));

            assertThat(waiting.answer()).containsExactly("b0", "b25", "b7", "b75");
            assertThat(waiting.collectionScans()).isZero();
            assertThat(waiting.scannedObjects()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void anArrayValueMakesTheIndexStepAsideForAScan(String backend) {
        try (MongoClient client = client(backend)) {
            MongoDatabase database = client.getDatabase("ranges");
            MongoCollection<Document> tagged = database.getCollection("multikey-" + backend);
            tagged.createIndex(Indexes.ascending("tag"));
            tagged.insertOne(new Document("_id", "one").append("tag", "a"));
            tagged.insertOne(new Document("_id", "many").append("tag", List.of("a", "b")));
            tagged.insertOne(new Document("_id", "other").append("tag", "b"));

            StoreReading tagA = StoreReading.of(database, () -> ids(tagged.find(Filters.eq("tag", "a")).sort(Sorts.ascending("_id"))));

            assertThat(tagA.answer()).containsExactly("many", "one");
            assertThat(tagA.collectionScans()).isEqualTo(1);
        }
    }

    @Test
    void theOnDiskStoreRebuildsItsIndexesWhenItOpens(@TempDir Path folder) {
        Path file = folder.resolve("reopened.mv");
        try (EmbeddedMongoStore first = EmbeddedMongoStore.onDisk("localhost", 0, file);
             MongoClient client = MongoClients.create(first.uri("ranges"))) {
            messages(indexed(client.getDatabase("ranges"), "reopened"));
        }
        try (EmbeddedMongoStore second = EmbeddedMongoStore.onDisk("localhost", 0, file);
             MongoClient client = MongoClients.create(second.uri("ranges"))) {
            MongoDatabase database = client.getDatabase("ranges");
            MongoCollection<Document> messages = database.getCollection("reopened");

            StoreReading due = StoreReading.of(database, () -> ids(messages.find(Filters.and(
                    Filters.gt("dueAt", Date.from(NOW.minusSeconds(180))), Filters.lte("dueAt", Date.from(NOW))))));

            assertThat(due.answer()).containsExactlyInAnyOrder("m118", "m119");
            assertThat(due.collectionScans()).isZero();
            assertThat(due.scannedObjects()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void countingDocumentsAnswersAsAScanWithoutHoldingTheCollection(String backend) {
        try (MongoClient client = client(backend)) {
            MongoDatabase database = client.getDatabase("ranges");
            MongoCollection<Document> collection = indexed(database, "counted-" + backend);
            messages(collection);
            Bson due = Filters.lte("dueAt", Date.from(NOW));

            StoreReading all = StoreReading.of(database, () -> List.of(Long.toString(collection.countDocuments())));
            assertThat(all.answer()).containsExactly("200");
            assertThat(all.scannedObjects()).as("documents read to count a whole collection").isZero();
            StoreReading dueOnes = StoreReading.of(database, () -> List.of(Long.toString(collection.countDocuments(due))));
            assertThat(dueOnes.answer()).containsExactly(Long.toString(collection.find(due).into(new ArrayList<>()).size()));
            assertThat(dueOnes.collectionScans()).isZero();
            assertThat(collection.countDocuments(due, new CountOptions().skip(100).limit(5))).isEqualTo(5);
            assertThat(collection.countDocuments(Filters.eq("channel", "FAX"))).isZero();
            assertThat(collection.aggregate(List.of(Aggregates.group("$channel", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id"))))
                    .into(new ArrayList<>())).extracting(group -> group.getString("_id") + "=" + group.getInteger("n"))
                    .as("other aggregations as before").containsExactly("EMAIL=100", "SMS=100");
        }
    }
}
