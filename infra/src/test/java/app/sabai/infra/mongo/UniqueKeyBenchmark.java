package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A collection's unique indexes on an MVStore file as the on-disk store uses them ({@link StoredUniqueIndex} over the
 * {@code _id} and an idempotency key, documents in a {@link StoredDocumentType} map), with the keys Java-serialized by
 * H2's default type (as mongo-java-server's H2UniqueIndex kept them) and with {@link StoredKeyType}: 10,000 bookings
 * inserted, then 100,000 finds by {@code _id} and 100,000 versioned updates by {@code _id} (a commit every ten updates,
 * as the store's 100 ms auto-commit does under load). The store's query and update path around the indexes is the
 * same for both. Figures are the benchmark thread's CPU time and the wall time, the better of 2 rounds after a warm-up
 * at a tenth of the size; prints a table. Run on demand:
 * {@code ./mvnw -B -ntp -pl infra verify -Dtest=UniqueKeyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class UniqueKeyBenchmark {

    private static final int DOCUMENTS = 10_000;
    private static final int OPERATIONS = 100_000;
    private static final int UPDATES_PER_COMMIT = 10;

    @TempDir
    Path temp;

    /** CPU and wall milliseconds of each phase: inserts, finds, updates. */
    private record Figures(long[] cpu, long[] wall) {

        Figures best(Figures other) {
            long[] bestCpu = new long[cpu.length];
            long[] bestWall = new long[wall.length];
            for (int i = 0; i < cpu.length; i++) {
                bestCpu[i] = Math.min(cpu[i], other.cpu[i]);
                bestWall[i] = Math.min(wall[i], other.wall[i]);
            }
            return new Figures(bestCpu, bestWall);
        }

        String row() {
            return String.format(Locale.ROOT, "%,d / %,d | %,d / %,d | %,d / %,d |", cpu[0], wall[0], cpu[1], wall[1], cpu[2], wall[2]);
        }
    }

    private static MVMap<KeyValue, Object> javaSerialized(MVStore store, String name) {
        return store.openMap(name);
    }

    private static Document booking(String id, int i) {
        return new Document("_id", id).append("idempotencyKey", "key-" + i).append("version", 0L).append("status", "REQUESTED")
                .append("branchId", "bangkok-sukhumvit").append("treatment", "swedish-60")
                .append("customer", new Document("customerId", "c-" + i).append("email", "customer" + i + "@example.com"))
                .append("requestedAt", Instant.parse("2026-11-29T10:00:00Z").plusMillis(i));
    }

    @Test
    void findsAndUpdatesById() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            ids.add(UUID.nameUUIDFromBytes(("booking-" + i).getBytes()).toString());
        }
        run("warm-up", ids.subList(0, DOCUMENTS / 10), OPERATIONS / 10, UniqueKeyBenchmark::javaSerialized);
        run("warm-up", ids.subList(0, DOCUMENTS / 10), OPERATIONS / 10, StoredUniqueIndex::openMap);
        Figures old = null;
        Figures typed = null;
        for (int round = 0; round < 2; round++) {
            Figures oldRound = run("round-" + round, ids, OPERATIONS, UniqueKeyBenchmark::javaSerialized);
            Figures typedRound = run("round-" + round, ids, OPERATIONS, StoredUniqueIndex::openMap);
            old = old == null ? oldRound : old.best(oldRound);
            typed = typed == null ? typedRound : typed.best(typedRound);
        }
        System.out.println(String.join(System.lineSeparator(),
                "| unique-index keys | 10,000 inserts, CPU / wall ms | 100,000 finds by _id, CPU / wall ms | 100,000 versioned updates by _id, CPU / wall ms |",
                "|---|---:|---:|---:|",
                "| Java-serialized (H2's default type) | " + old.row(),
                "| StoredKeyType | " + typed.row()));
    }

    private Figures run(String name, List<String> ids, int operations, BiFunction<MVStore, String, MVMap<KeyValue, Object>> openKeys) {
        Path file = temp.resolve(name + "-" + System.nanoTime() + ".mv");
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        MVMap<Object, Document> documents = DocumentFormat.openDataMap(store, "databases.bench.bookings");
        List<Index<Object>> indexes = List.of(
                new StoredUniqueIndex(openKeys.apply(store, "bench.bookings._id_"), "_id_", List.of(new IndexKey("_id", true)), false),
                new StoredUniqueIndex(openKeys.apply(store, "bench.bookings.idempotencyKey_1"), "idempotencyKey_1",
                        List.of(new IndexKey("idempotencyKey", true)), false));
        Index<Object> byId = indexes.get(0);
        long[] cpu = new long[3];
        long[] wall = new long[3];

        long cpuStart = cpuMillis();
        long wallStart = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            Document booking = booking(ids.get(i), i);
            for (Index<Object> index : indexes) {
                index.add(booking, ids.get(i), null);
            }
            documents.put(ids.get(i), booking);
            if (i % UPDATES_PER_COMMIT == 0) {
                store.commit();
            }
        }
        store.commit();
        cpu[0] = cpuMillis() - cpuStart;
        wall[0] = (System.nanoTime() - wallStart) / 1_000_000;

        SplittableRandom random = new SplittableRandom(42);
        cpuStart = cpuMillis();
        wallStart = System.nanoTime();
        long found = 0;
        for (int f = 0; f < operations; f++) {
            for (Object position : byId.getPositions(new Document("_id", ids.get(random.nextInt(ids.size()))))) {
                found += documents.get(position) != null ? 1 : 0;
            }
        }
        cpu[1] = cpuMillis() - cpuStart;
        wall[1] = (System.nanoTime() - wallStart) / 1_000_000;

        cpuStart = cpuMillis();
        wallStart = System.nanoTime();
        for (int u = 1; u <= operations; u++) {
            String id = ids.get(random.nextInt(ids.size()));
            for (Object position : byId.getPositions(new Document("_id", id))) {
                Document stored = documents.get(position);
                Document updated = stored.cloneDeeply();
                updated.put("version", (Long) updated.get("version") + 1);
                updated.put("status", u % 2 == 0 ? "CONFIRMED" : "ASSIGNED");
                for (Index<Object> index : indexes) {
                    index.checkUpdate(stored, updated, null);
                    index.updateInPlace(stored, updated, position, null);
                }
                documents.put(position, updated);
            }
            if (u % UPDATES_PER_COMMIT == 0) {
                store.commit();
            }
        }
        cpu[2] = cpuMillis() - cpuStart;
        wall[2] = (System.nanoTime() - wallStart) / 1_000_000;

        long versions = documents.values().stream().mapToLong(document -> (Long) document.get("version")).sum();
        store.close();
        if (found != operations || versions != operations) {
            throw new IllegalStateException("found " + found + ", versions " + versions);
        }
        return new Figures(cpu, wall);
    }

    private static long cpuMillis() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
    }
}
