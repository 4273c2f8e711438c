package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static app.sabai.infra.mongo.StoreReading.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The narrowed queries must answer exactly what a full scan answers, on both backends. */
class IndexNarrowingTest {

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
        return MongoClients.create((backend.equals("memory") ? memory : disk).uri("narrowing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void versionedUpdatesOnlyApplyToTheMatchingVersion(String backend) {
        try (MongoClient client = client(backend)) {
            MongoCollection<Document> docs = client.getDatabase("narrowing").getCollection("versioned-" + backend);
            for (int i = 0; i < 100; i++) {
                docs.insertOne(new Document("_id", "doc-" + i).append("version", 0).append("applied", List.of()));
            }

            long first = docs.updateOne(new Document("_id", "doc-7").append("version", 0),
                    Updates.combine(Updates.inc("version", 1), Updates.set("state", "CONFIRMED"))).getModifiedCount();
            long stale = docs.updateOne(new Document("_id", "doc-7").append("version", 0),
                    Updates.set("state", "REJECTED")).getModifiedCount();
            long onceOnly = docs.updateOne(new Document("_id", "doc-8").append("applied", new Document("$ne", "e1")),
                    Updates.push("applied", "e1")).getModifiedCount();
            long twice = docs.updateOne(new Document("_id", "doc-8").append("applied", new Document("$ne", "e1")),
                    Updates.push("applied", "e1")).getModifiedCount();

            assertThat(first).isEqualTo(1);
            assertThat(stale).isZero();
            assertThat(docs.find(new Document("_id", "doc-7")).first().getString("state")).isEqualTo("CONFIRMED");
            assertThat(onceOnly).isEqualTo(1);
            assertThat(twice).isZero();
            assertThat(docs.find(new Document("_id", "doc-8")).first().getList("applied", String.class)).containsExactly("e1");
        }
    }

    /** The Java driver's {@code Filters.and} and many a mongosh query write the guard as {@code {$and: [{_id: x}, …]}}. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void aGuardWrittenWithAndReadsOnlyTheDocumentItPins(String backend) {
        try (MongoClient client = client(backend)) {
            MongoDatabase database = client.getDatabase("narrowing");
            MongoCollection<Document> docs = database.getCollection("and-" + backend);
            for (int i = 0; i < 100; i++) {
                docs.insertOne(new Document("_id", "doc-" + i).append("version", i % 3));
            }
            Bson guard = Filters.and(Filters.eq("_id", "doc-7"), Filters.eq("version", 1));
            Bson stale = Filters.and(Filters.eq("_id", "doc-7"), Filters.eq("version", 2));
            Bson either = Filters.and(Filters.in("_id", "doc-7", "doc-8", "doc-404"), Filters.exists("version"));

            StoreReading pinned = StoreReading.of(database, () -> ids(docs.find(guard)));
            StoreReading none = StoreReading.of(database, () -> ids(docs.find(stale)));
            StoreReading listed = StoreReading.of(database, () -> ids(docs.find(either).sort(Sorts.ascending("_id"))));
            long updated = docs.updateOne(guard, Updates.inc("version", 1)).getModifiedCount();

            assertThat(pinned.answer()).containsExactly("doc-7");
            assertThat(pinned.scannedObjects()).isEqualTo(1);
            assertThat(pinned.collectionScans()).isZero();
            assertThat(none.answer()).isEmpty();
            assertThat(none.scannedObjects()).isEqualTo(1);
            assertThat(listed.answer()).containsExactly("doc-7", "doc-8");
            assertThat(listed.scannedObjects()).isEqualTo(2);
            assertThat(updated).isEqualTo(1);
            assertThat(docs.find(Filters.eq("_id", "doc-7")).first().getInteger("version")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void answersTheHelloCommandOfHealthChecks(String backend) {
        try (MongoClient client = client(backend)) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.get("ok")).isEqualTo(1.0);
        }
    }

    /** mongosh 2.x and Compass (Node.js driver 6) refuse a server below wire version 9 (MongoDB 4.4). */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void reportsAVersionTodaysToolsAccept(String backend) {
        try (MongoClient client = client(backend)) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            Document buildInfo = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));

            assertThat(hello.getInteger("maxWireVersion")).isGreaterThanOrEqualTo(9);
            assertThat(buildInfo.getString("version")).isEqualTo("4.4.0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void inListsAndSortsAnswerLikeAFullScan(String backend) {
        try (MongoClient client = client(backend)) {
            MongoCollection<Document> docs = client.getDatabase("narrowing").getCollection("in-" + backend);
            for (int i = 0; i < 50; i++) {
                docs.insertOne(new Document("_id", "d" + i).append("n", i).append("even", i % 2 == 0));
            }
            List<Document> narrowed = docs.find(new Document("_id", new Document("$in", List.of("d1", "d2", "d3", "d4", "missing")))
                    .append("even", true)).sort(Sorts.descending("n")).into(new ArrayList<>());
            assertThat(narrowed).extracting(d -> d.getString("_id")).containsExactly("d4", "d2");

            List<Document> unpinned = docs.find(new Document("n", new Document("$gte", 48)).append("even", true)).into(new ArrayList<>());
            assertThat(unpinned).extracting(d -> d.getString("_id")).containsExactly("d48");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void racingGuardedPushesLetExactlyOneOverlappingSessionIn(String backend) throws Exception {
        try (MongoClient client = client(backend)) {
            MongoCollection<Document> days = client.getDatabase("narrowing").getCollection("days-" + backend);
            for (int i = 0; i < 200; i++) {
                days.insertOne(new Document("_id", "therapist-" + i + ":2026-12-01").append("sessions", List.of()));
            }
            int writers = 50;
            CountDownLatch gate = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Long>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int start = 600 + w;
                results.add(pool.submit(() -> {
                    gate.await();
                    Document overlapping = new Document("$elemMatch",
                            new Document("start", new Document("$lt", start + 60)).append("end", new Document("$gt", start)));
                    return days.updateOne(
                            new Document("_id", "therapist-42:2026-12-01").append("sessions", new Document("$not", overlapping)),
                            Updates.push("sessions", new Document("start", start).append("end", start + 60).append("bookingId", "b" + start)))
                            .getModifiedCount();
                }));
            }
            gate.countDown();
            long landed = 0;
            for (Future<Long> result : results) {
                landed += result.get();
            }
            pool.shutdown();

            assertThat(landed).isEqualTo(1);
            assertThat(days.find(new Document("_id", "therapist-42:2026-12-01")).first().getList("sessions", Document.class)).hasSize(1);
        }
    }
}
