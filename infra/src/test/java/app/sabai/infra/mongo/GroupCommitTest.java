package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that arrive together have their changes written to the redo log together, and each answer still waits for
 * the write that covers its changes: everything acknowledged is in the store when it opens its files again.
 */
class GroupCommitTest {

    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 60;

    @TempDir
    Path dataDirectory;

    @Test
    void concurrentWritesShareFlushesAndEveryAcknowledgedOneIsInTheStore() throws Exception {
        Path file = dataDirectory.resolve("store.mv");
        Document groupCommit;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, file);
             MongoClient client = MongoClients.create(store.uri("busy"))) {
            MongoCollection<Document> bookings = client.getDatabase("busy").getCollection("bookings");
            bookings.insertOne(new Document("_id", "warm-up"));
            long flushesBefore = StoreReading.groupCommit(client).getLong("flushes");

            writeConcurrently(bookings);

            groupCommit = StoreReading.groupCommit(client);
            long flushes = groupCommit.getLong("flushes") - flushesBefore;
            int writes = WRITERS * WRITES_EACH * 2;
            // A write per command, each on the connection's own thread, made about three for every four writes here.
            assertThat(flushes).as("flushes for %d concurrent writes", writes).isPositive().isLessThan(writes / 2);
            assertThat(groupCommit.getLong("heldAnswers")).isGreaterThanOrEqualTo(writes);
        }
        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.onDisk("localhost", 0, file);
             MongoClient client = MongoClients.create(reopened.uri("busy"))) {
            MongoCollection<Document> bookings = client.getDatabase("busy").getCollection("bookings");
            assertThat(bookings.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(WRITERS * WRITES_EACH);
        }
    }

    @Test
    void aReadAloneIsAnsweredWithoutWaitingForAFlush() {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, dataDirectory.resolve("quiet.mv"));
             MongoClient client = MongoClients.create(store.uri("quiet"))) {
            MongoCollection<Document> bookings = client.getDatabase("quiet").getCollection("bookings");
            bookings.insertOne(new Document("_id", "b-1").append("status", "REQUESTED"));
            Document before = StoreReading.groupCommit(client);

            for (int i = 0; i < 20; i++) {
                assertThat(bookings.find(Filters.eq("_id", "b-1")).first()).isNotNull();
            }

            Document after = StoreReading.groupCommit(client);
            assertThat(after.getLong("flushes")).isEqualTo(before.getLong("flushes"));
            // Only the serverStatus answer that read the first figures may have waited, if anything.
            assertThat(after.getLong("heldAnswers") - before.getLong("heldAnswers")).isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void serverStatusCountsTheCommandsReceivedByName(boolean onDisk) {
        try (EmbeddedMongoStore store = onDisk ? EmbeddedMongoStore.onDisk("localhost", 0, dataDirectory.resolve("counted.mv"))
                : EmbeddedMongoStore.inMemory("localhost", 0);
             MongoClient client = MongoClients.create(store.uri("counted"))) {
            MongoCollection<Document> bookings = client.getDatabase("counted").getCollection("bookings");
            Document before = StoreReading.commands(client);

            bookings.insertOne(new Document("_id", "b-1").append("status", "REQUESTED"));
            bookings.updateOne(Filters.eq("_id", "b-1"), Updates.set("status", "CONFIRMED"));
            bookings.updateOne(Filters.eq("_id", "b-1"), Updates.set("status", "COMPLETED"));
            for (int i = 0; i < 3; i++) {
                assertThat(bookings.find(Filters.eq("_id", "b-1")).first()).isNotNull();
            }

            Document after = StoreReading.commands(client);
            assertThat(StoreReading.received(after, "insert") - StoreReading.received(before, "insert")).isEqualTo(1);
            assertThat(StoreReading.received(after, "update") - StoreReading.received(before, "update")).isEqualTo(2);
            assertThat(StoreReading.received(after, "find") - StoreReading.received(before, "find")).isEqualTo(3);
            assertThat(StoreReading.received(after, "serverStatus") - StoreReading.received(before, "serverStatus")).isEqualTo(1);
        }
    }

    private static void writeConcurrently(MongoCollection<Document> bookings) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int w = writer;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < WRITES_EACH; i++) {
                        String id = "booking-" + w + "-" + i;
                        bookings.insertOne(new Document("_id", id).append("status", "REQUESTED"));
                        bookings.updateOne(Filters.eq("_id", id), Updates.set("status", "CONFIRMED"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
