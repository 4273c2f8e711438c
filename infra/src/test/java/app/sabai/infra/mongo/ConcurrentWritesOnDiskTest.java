package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Updates change documents while the on-disk store's background writer encodes the pages that hold them; the writer
 * must never see a document change under it (it fails and the store closes itself), and every update must count.
 */
class ConcurrentWritesOnDiskTest {

    private static final int WRITERS = 4;
    private static final int UPDATES = 300;
    /** Sessions each document starts with: large documents keep the writer encoding for longer. */
    private static final int EARLIER = 600;

    @TempDir
    Path dataDirectory;

    @Test
    void updatesWhileTheStoreWritesItsPagesLeaveItOpenAndCountEveryChange() throws Exception {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, dataDirectory.resolve("store.mv"));
             MongoClient client = MongoClients.create(store.uri("busy"))) {
            MongoCollection<Document> days = client.getDatabase("busy").getCollection("days");
            for (int writer = 0; writer < WRITERS; writer++) {
                List<Document> earlier = new ArrayList<>();
                for (int i = 0; i < EARLIER; i++) {
                    earlier.add(new Document("booking", "earlier-" + i).append("note", "x".repeat(200)));
                }
                days.insertOne(new Document("_id", "day-" + writer).append("version", 0).append("sessions", earlier));
            }
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    String id = "day-" + writer;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < UPDATES; i++) {
                            // Fields come and go, as an outbox entry does: the document's own keys change.
                            days.updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("version", 1),
                                    Updates.push("sessions", new Document("booking", "b-" + i).append("note", "x".repeat(200))),
                                    Updates.set("pending-" + i % 2, i), Updates.unset("pending-" + (i + 1) % 2)));
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (Document day : days.find()) {
                assertThat(day.getInteger("version")).as(day.getString("_id")).isEqualTo(UPDATES);
                assertThat(day.getList("sessions", Document.class)).hasSize(EARLIER + UPDATES);
                assertThat(day.getInteger("pending-" + (UPDATES - 1) % 2)).isEqualTo(UPDATES - 1);
            }
        }
    }
}
