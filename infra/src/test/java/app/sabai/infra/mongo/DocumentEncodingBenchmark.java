package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Versioned updates of 3 KB documents straight on an MVStore file, as the on-disk store makes them (read, copy, change,
 * put; a commit every ten updates, as the store's 100 ms auto-commit does under load), with the earlier Java
 * serialization and with {@link StoredDocumentType}, each with and without compression; then one document encoded and
 * decoded alone. Figures are the benchmark thread's CPU time; the file grows by every chunk written, as nothing is
 * compacted within a run. Prints a table. Run on demand:
 * {@code ./mvnw -B -ntp -pl infra -am verify -Dtest=DocumentEncodingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class DocumentEncodingBenchmark {

    private static final int DOCUMENTS = 200;
    private static final int UPDATES = 10_000;
    private static final int UPDATES_PER_COMMIT = 10;

    @TempDir
    Path temp;

    private static MVMap<Object, Document> javaSerialized(MVStore store, String name) {
        return store.openMap(name);
    }

    /** About 3 KB as the store writes it: a booking with its customer, sessions, applied events and an outbox. */
    private static Document booking(int i) {
        List<Object> applied = new ArrayList<>();
        for (int e = 0; e < 30; e++) {
            applied.add(new UUID(i, e).toString());
        }
        List<Object> sessions = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            sessions.add(new Document("sessionId", "s-" + i + "-" + s).append("therapistId", "therapist-" + s)
                    .append("roomId", "room-" + s).append("startsAt", Instant.parse("2026-12-01T10:00:00Z").plusSeconds(3600L * s))
                    .append("minutes", 60).append("status", "CONFIRMED"));
        }
        return new Document("_id", "booking-" + i).append("version", 0L).append("status", "REQUESTED")
                .append("branchId", "bangkok-sukhumvit").append("treatment", "swedish-60")
                .append("customer", new Document("customerId", "c-" + i).append("name", "Customer " + i)
                        .append("email", "customer" + i + "@example.com").append("locale", "th-TH"))
                .append("requestedAt", Instant.parse("2026-11-29T10:00:00Z").plusMillis(i))
                .append("sessions", sessions).append("appliedEventIds", applied)
                .append("outbox", List.of(new Document("eventId", "e-" + i).append("type", "BookingRequested")
                        .append("payload", "p".repeat(600))));
    }

    @Test
    void versionedUpdatesOfThreeKilobyteDocuments() throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("| documents | compression | 10,000 updates, CPU ms (best of 5) | reopen + read all, CPU ms | file (KB) |");
        rows.add("|---|---|---:|---:|---:|");
        for (boolean compress : new boolean[]{true, false}) {
            String mode = compress ? "LZF" : "none";
            rows.add("| Java serialization | " + mode + " | " + best(compress, DocumentEncodingBenchmark::javaSerialized));
            rows.add("| compact (StoredDocumentType) | " + mode + " | " + best(compress, DocumentFormat::openDataMap));
        }
        Document booking = booking(7);
        ObjectDataType javaType = new ObjectDataType();
        rows.add("");
        rows.add("| one document, written and read 10,000 times | bytes | CPU ms (best of 5) |");
        rows.add("|---|---:|---:|");
        rows.add("| Java serialization | " + codec(javaType, booking));
        rows.add("| compact (StoredDocumentType) | " + codec(StoredDocumentType.INSTANCE, booking));
        System.out.println(String.join(System.lineSeparator(), rows));
    }

    private String best(boolean compress, BiFunction<MVStore, String, MVMap<Object, Document>> open) throws IOException {
        run("warm-up", compress, open);
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, 0};
        for (int round = 0; round < 5; round++) {
            long[] measured = run("round-" + round, compress, open);
            best[0] = Math.min(best[0], measured[0]);
            best[1] = Math.min(best[1], measured[1]);
            best[2] = measured[2];
        }
        return String.format(Locale.ROOT, "%,d | %,d | %,d |", best[0], best[1], best[2] / 1024);
    }

    private static String codec(DataType<? super Document> type, Document document) {
        WriteBuffer buffer = new WriteBuffer();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long start = cpuMillis();
            for (int i = 0; i < UPDATES; i++) {
                type.write(buffer.clear(), document);
                if (!document.equals(type.read(buffer.getBuffer().flip()))) {
                    throw new IllegalStateException("read back differs");
                }
            }
            best = round == 0 ? best : Math.min(best, cpuMillis() - start);
        }
        type.write(buffer.clear(), document);
        return String.format(Locale.ROOT, "%,d | %,d |", buffer.position(), best);
    }

    private static long cpuMillis() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
    }

    /** CPU milliseconds of the updates, of reopening and reading everything, and the file's size in bytes. */
    private long[] run(String name, boolean compress, BiFunction<MVStore, String, MVMap<Object, Document>> open) throws IOException {
        Path file = temp.resolve(name + "-" + System.nanoTime() + ".mv");
        MVStore.Builder builder = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled();
        if (compress) {
            builder.compress();
        }
        MVStore store = builder.open();
        MVMap<Object, Document> map = open.apply(store, "databases.bench.bookings");
        for (int i = 0; i < DOCUMENTS; i++) {
            map.put("booking-" + i, booking(i));
        }
        store.commit();
        SplittableRandom random = new SplittableRandom(42);
        long start = cpuMillis();
        for (int u = 1; u <= UPDATES; u++) {
            String id = "booking-" + random.nextInt(DOCUMENTS);
            Document updated = map.get(id).cloneDeeply();
            updated.put("version", (Long) updated.get("version") + 1);
            updated.put("status", u % 2 == 0 ? "CONFIRMED" : "ASSIGNED");
            map.put(id, updated);
            if (u % UPDATES_PER_COMMIT == 0) {
                store.commit();
            }
        }
        long updateMillis = cpuMillis() - start;
        store.close();

        long readStart = cpuMillis();
        MVStore reopened = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        long versions = 0;
        for (Document document : open.apply(reopened, "databases.bench.bookings").values()) {
            versions += (Long) document.get("version");
        }
        reopened.close();
        long readMillis = cpuMillis() - readStart;
        if (versions != UPDATES) {
            throw new IllegalStateException("versions " + versions);
        }
        return new long[]{updateMillis, readMillis, Files.size(file)};
    }
}
