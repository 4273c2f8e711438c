package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one acknowledged write costs the on-disk store, by how many keys an MVStore page holds at most: each commit (a
 * checkpoint, every 2 s or so) writes every page a change touched, from the leaf that holds a changed document or index
 * key to its map's root, each page whole. H2 splits a page at 48 keys (its default) or 16 KB. Over TCP, as the services
 * use it, one client plays the store's part of a booking's life: the booking inserted with an outbox entry, the entry
 * pulled, a session pushed onto a therapist's day under the overlap guard, the booking confirmed with a second entry,
 * that entry pulled: five writes, each in the redo log before its answer. The collections hold 20,000 bookings and 2,000
 * days first (written with the setting measured); bookings have random ids, as the platform's do. Figures are the store's own threads' CPU time per write, the bytes
 * this JVM wrote to disk per write (the redo log and the checkpoints), the writes of the log per write and the file's
 * size, for each setting in three rounds, the order given, reversed, and given again (the machine warms up). Run on
 * demand, with the store's JIT (the tests' JVM compiles with C1 only):
 * {@code ./mvnw -B -ntp -pl infra verify -Dtest=StoreCommitBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * "-Dsabai.test.jvm=-Xmx512m -XX:+UseSerialGC" [-Dbench.keysPerPage=48,16,8,4]}.
 */
@Tag("bench")
class StoreCommitBenchmark {

    private static final int BOOKINGS = 20_000;
    private static final int DAYS = 2_000;
    private static final int LIVES = 2_000;
    private static final int ROUNDS = 3;

    private record Setting(String name, UnaryOperator<MVStore.Builder> tuning) {
    }

    private record Figures(double cpuMicrosPerWrite, double bytesPerWrite, double flushesPerWrite, long fileBytes) {

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %.0f | %,.0f | %.2f | %,d |", name, cpuMicrosPerWrite, bytesPerWrite,
                    flushesPerWrite, fileBytes);
        }
    }

    @TempDir
    Path temp;

    @Test
    void writesByPageSize() {
        List<Setting> settings = Arrays.stream(System.getProperty("bench.keysPerPage", "48,16,8,4").split(","))
                .map(keys -> new Setting(keys + " keys", builder -> builder.keysPerPage(Integer.parseInt(keys))))
                .toList();
        List<String> rows = new ArrayList<>();
        run(settings.getFirst(), LIVES / 4);
        for (int round = 1; round <= ROUNDS; round++) {
            for (Setting setting : round % 2 == 1 ? settings : settings.reversed()) {
                rows.add(run(setting, LIVES).row(setting.name() + ", round " + round));
            }
        }
        System.out.println("""

                | keys per page, round | store CPU µs per write | bytes written per write | log writes per write | file bytes |
                |---|---:|---:|---:|---:|""");
        rows.forEach(System.out::println);
    }

    private Figures run(Setting setting, int lives) {
        Path file = temp.resolve(UUID.randomUUID() + ".mv");
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, file, setting.tuning());
             MongoClient client = MongoClients.create(store.uri("bench"))) {
            MongoCollection<Document> bookings = client.getDatabase("bench").getCollection("bookings");
            MongoCollection<Document> days = client.getDatabase("bench").getCollection("therapist_days");
            bookings.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
            fill(bookings, days);

            Document before = StoreReading.groupCommit(client);
            long bytesBefore = bytesWritten();
            long cpuBefore = storeCpuNanos();
            for (int i = 0; i < lives; i++) {
                live(bookings, days, i);
            }
            long cpu = storeCpuNanos() - cpuBefore;
            Document after = StoreReading.groupCommit(client);
            int writes = lives * 5;
            long flushes = after.getLong("flushes") - before.getLong("flushes");
            long bytes = bytesWritten() - bytesBefore;
            assertThat(bookings.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(lives);
            return new Figures(cpu / 1000.0 / writes, (double) bytes / writes, (double) flushes / writes, file.toFile().length());
        }
    }

    private static void fill(MongoCollection<Document> bookings, MongoCollection<Document> days) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            batch.add(booking(UUID.randomUUID().toString(), i).append("status", "COMPLETED"));
            if (batch.size() == 500) {
                bookings.insertMany(batch);
                batch.clear();
            }
        }
        for (int i = 0; i < DAYS; i++) {
            List<Document> sessions = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                sessions.add(session("stored-" + i + "-" + s, Instant.parse("2026-12-01T09:00:00Z").plusSeconds(s * 3600L)));
            }
            batch.add(new Document("_id", "therapist-" + (i % 40) + "@day-" + i).append("sessions", sessions));
        }
        days.insertMany(batch);
    }

    /** The store's five writes for one booking, as the platform makes them. */
    private static void live(MongoCollection<Document> bookings, MongoCollection<Document> days, int i) {
        String id = UUID.randomUUID().toString();
        String requested = UUID.randomUUID().toString();
        bookings.insertOne(booking(id, BOOKINGS + i).append("outbox", List.of(entry(requested))));
        bookings.updateOne(Filters.eq("_id", id), Updates.pull("outbox", Filters.in("eventId", requested)));
        Instant start = Instant.parse("2026-12-01T16:00:00Z");
        int dayNumber = i * 7 % DAYS;
        String day = "therapist-" + (dayNumber % 40) + "@day-" + dayNumber;
        long reserved = days.updateOne(Filters.and(Filters.eq("_id", day), Filters.not(Filters.elemMatch("sessions", Filters.and(
                        Filters.lt("start", start.plusSeconds(3600)), Filters.gt("end", start), Filters.ne("bookingId", id))))),
                Updates.push("sessions", session(id, start))).getModifiedCount();
        assertThat(reserved).as("session on %s", day).isEqualTo(1);
        String confirmed = UUID.randomUUID().toString();
        bookings.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", "REQUESTED"), Filters.ne("appliedEventIds", requested)),
                Updates.combine(Updates.set("status", "CONFIRMED"), Updates.push("appliedEventIds", requested),
                        Updates.push("outbox", entry(confirmed))));
        bookings.updateOne(Filters.eq("_id", id), Updates.pull("outbox", Filters.in("eventId", confirmed)));
    }

    private static Document booking(String id, int i) {
        return new Document("_id", id).append("idempotencyKey", "key-" + i).append("status", "REQUESTED")
                .append("branchId", "liverpool").append("technique", "SWEDISH").append("durationMinutes", 60)
                .append("start", Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i % 5000 * 3600L))
                .append("zone", "Europe/London")
                .append("customer", new Document("name", "Customer " + i).append("email", "customer" + i + "@example.com")
                        .append("phone", "+447700900123").append("language", "en"))
                .append("preferences", new Document("therapistGender", "ANY").append("pressure", "MEDIUM"))
                .append("bodyAreas", List.of("LOWER_BACK", "SHOULDERS"))
                .append("intake", new Document("conditions", List.of()).append("injuries", List.of()).append("pregnant", false)
                        .append("allergies", List.of()))
                .append("appliedEventIds", new ArrayList<>(List.of(UUID.randomUUID().toString())))
                .append("createdAt", Instant.parse("2026-11-29T10:00:00Z").plusMillis(i))
                .append("updatedAt", Instant.parse("2026-11-29T10:00:00Z").plusMillis(i));
    }

    private static Document session(String bookingId, Instant start) {
        return new Document("bookingId", bookingId).append("attempt", 1).append("branchId", "liverpool").append("roomId", "mersey")
                .append("start", start).append("end", start.plusSeconds(3600)).append("technique", "SWEDISH");
    }

    private static Document entry(String eventId) {
        char[] payload = new char[600];
        Arrays.fill(payload, 'x');
        return new Document("eventId", eventId).append("topic", "sabai.bookings").append("key", "liverpool")
                .append("type", "BookingConfirmed").append("payload", new String(payload));
    }

    /** What this JVM sent to disk ({@code /proc/self/io}): the store's log and checkpoints; nothing else here writes. */
    private static long bytesWritten() {
        try {
            return Files.readAllLines(Path.of("/proc/self/io")).stream()
                    .filter(line -> line.startsWith("write_bytes:"))
                    .mapToLong(line -> Long.parseLong(line.substring("write_bytes:".length()).strip()))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's own threads: its event loops, and H2's background writer. */
    private static long storeCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("store-") || info.getThreadName().startsWith("MVStore"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
