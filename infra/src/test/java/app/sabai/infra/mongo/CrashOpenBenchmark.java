package app.sabai.infra.mongo;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the on-disk store takes to open a collection of {@value #BOOKINGS} bookings after a crash (the redo log left
 * behind, so every document is looked at against its unique indexes, {@link CrashRepairTest}) and after a clean close,
 * each five times in turn; the documents are shaped as booking-service stores them, with its unique idempotency key and
 * its range index on the time a request waits since. Run on demand:
 * {@code ./mvnw -B -ntp -pl infra verify -Dtest=CrashOpenBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class CrashOpenBenchmark {

    private static final int BOOKINGS = Integer.getInteger("bench.bookings", 100_000);
    private static final int BATCH = 1_000;
    private static final int ROUNDS = 5;

    @TempDir
    Path temp;

    @Test
    void aCollectionOfBookingsOpensAfterACrashAndAfterACleanClose() throws IOException {
        Path file = temp.resolve("store.mv");
        StoreFiles.withCollection(file, "booking", "bookings", bookings -> {
            bookings.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
            bookings.createIndex(Indexes.ascending("awaitingDecisionSince"), new IndexOptions().sparse(true));
            for (int first = 0; first < BOOKINGS; first += BATCH) {
                List<Document> batch = new ArrayList<>(BATCH);
                for (int n = first; n < Math.min(BOOKINGS, first + BATCH); n++) {
                    batch.add(booking(n));
                }
                bookings.insertMany(batch);
            }
        });

        List<String> rows = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            StoreFiles.leaveTheRedoLogAsAKillDoes(file);
            rows.add("| " + round + " | after a crash | " + opened(file) + " |");
            rows.add("| " + round + " | closed cleanly | " + opened(file) + " |");
        }
        System.out.println("| round | open | until the first answer: wall / CPU of the opening thread |" + System.lineSeparator()
                + "|---|---|---:|" + System.lineSeparator() + String.join(System.lineSeparator(), rows));
    }

    /**
     * The wall time from opening the store to its count of the bookings, and the CPU time of the thread that opened it (the
     * look after a crash runs there); checks every booking is there.
     */
    private static String opened(Path file) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long[] counted = new long[1];
        StoreFiles.withCollection(file, "booking", "bookings", bookings -> counted[0] = bookings.countDocuments());
        long wall = System.nanoTime() - started;
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        assertThat(counted[0]).isEqualTo(BOOKINGS);
        return String.format(Locale.ROOT, "%,d / %,d ms", wall / 1_000_000, cpu / 1_000_000);
    }

    private static Document booking(int n) {
        Date created = new Date(1_790_000_000_000L + n * 1_000L);
        return new Document("_id", UUID.randomUUID().toString())
                .append("branchId", "liverpool")
                .append("customerId", UUID.randomUUID().toString())
                .append("technique", "SWEDISH")
                .append("durationMinutes", 60)
                .append("start", created)
                .append("status", "CONFIRMED")
                .append("customer", new Document("name", "Guest " + n).append("email", "guest-" + n + "@example.com")
                        .append("phone", "+447700900123").append("language", "en"))
                .append("intake", new Document("conditions", List.of()).append("injuries", List.of()).append("pregnant", false))
                .append("idempotencyKey", "subject staff-liverpool key " + UUID.randomUUID())
                .append("requestFingerprint", Integer.toHexString(n))
                .append("firstAnswer", "{\"id\":\"" + n + "\",\"status\":\"REQUESTED\"}")
                .append("createdAt", created)
                .append("outbox", List.of());
    }
}
