package app.sabai.system.bench;

import app.sabai.infra.mongo.EmbeddedMongoStore;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Versioned updates ({@code {_id: x, version: n}} → {@code $inc version}) against the embedded store, at
 * 1,000 / 10,000 / 100,000 documents, with and without narrowing by the {@code _id} index, on both
 * backends. Run on demand: {@code ./mvnw verify -Pbench -Dtest=StoreNarrowingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Results go to {@code system-tests/target/benchmarks/store-narrowing.md}; see BENCHMARKS.md.
 */
@Tag("bench")
class StoreNarrowingBenchmark {

    private static final int[] SIZES = {1_000, 10_000, 100_000};
    private static final long MEASURE_NANOS = 3_000_000_000L;
    private static final int MAX_UPDATES = 30_000;

    @TempDir
    Path temp;

    @Test
    void versionedUpdateRateAcrossCollectionSizes() throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("| backend | store | documents | versioned updates/s | stale writes refused |");
        rows.add("|---|---|---:|---:|---|");
        for (int size : SIZES) {
            rows.add(run("memory", "narrowed (Sabai)", size, () -> new Endpoint(EmbeddedMongoStore.inMemory("localhost", 0))));
            rows.add(run("memory", "as shipped", size, () -> new Endpoint(new MemoryBackend())));
            Path narrowedFile = temp.resolve("narrowed-" + size + ".mv");
            rows.add(run("h2 (on disk)", "narrowed (Sabai)", size,
                    () -> new Endpoint(EmbeddedMongoStore.onDisk("localhost", 0, narrowedFile))));
            Path plainFile = temp.resolve("plain-" + size + ".mv");
            rows.add(run("h2 (on disk)", "as shipped", size, () -> new Endpoint(new H2Backend(plainFile.toString()))));
        }
        String table = String.join(System.lineSeparator(), rows);
        System.out.println(table);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("store-narrowing.md"), table + System.lineSeparator());
    }

    private String run(String backend, String store, int size, Supplier<Endpoint> start) {
        try (Endpoint endpoint = start.get(); MongoClient client = MongoClients.create(endpoint.uri())) {
            MongoCollection<Document> docs = client.getDatabase("bench").getCollection("aggregates");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(new Document("_id", "booking-" + i).append("version", 0).append("status", "REQUESTED")
                        .append("appliedEventIds", List.of()));
                if (batch.size() == 1_000) {
                    docs.insertMany(batch);
                    batch.clear();
                }
            }
            SplittableRandom random = new SplittableRandom(42);
            int[] versions = new int[size];
            // Warm up the JIT and the connection.
            for (int i = 0; i < 200; i++) {
                update(docs, versions, random.nextInt(size));
            }
            long started = System.nanoTime();
            int updates = 0;
            while (System.nanoTime() - started < MEASURE_NANOS && updates < MAX_UPDATES) {
                update(docs, versions, random.nextInt(size));
                updates++;
            }
            double perSecond = updates / ((System.nanoTime() - started) / 1e9);
            int target = random.nextInt(size);
            long stale = docs.updateOne(new Document("_id", "booking-" + target).append("version", versions[target] - 1),
                    Updates.set("status", "STALE")).getModifiedCount();
            return String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %s |", backend, store, size, perSecond,
                    stale == 0 || versions[target] == 0 ? "yes" : "NO");
        }
    }

    private static void update(MongoCollection<Document> docs, int[] versions, int index) {
        long modified = docs.updateOne(new Document("_id", "booking-" + index).append("version", versions[index]),
                Updates.combine(Updates.inc("version", 1), Updates.set("status", "CONFIRMED"))).getModifiedCount();
        if (modified != 1) {
            throw new IllegalStateException("A versioned update of booking-" + index + " was refused");
        }
        versions[index]++;
    }

    /** Either the platform's embedded store or a bare mongo-java-server with a stock backend. */
    private static final class Endpoint implements AutoCloseable {
        private final EmbeddedMongoStore store;
        private final MongoServer server;
        private final String uri;

        Endpoint(EmbeddedMongoStore store) {
            this.store = store;
            this.server = null;
            this.uri = store.uri("bench");
        }

        Endpoint(MongoBackend backend) {
            this.store = null;
            this.server = new MongoServer(backend);
            this.uri = "mongodb://localhost:" + server.bind().getPort() + "/bench";
        }

        String uri() {
            return uri;
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
            } else {
                server.shutdownNow();
            }
        }
    }
}
