package app.sabai.system.bench;

import app.sabai.system.harness.BookingRequests;
import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as a user runs it: how long it takes to be ready, how much memory its processes
 * hold, and how long a booking takes from {@code POST} to its decision, one at a time and in a burst.
 * Run on demand: {@code ./mvnw verify -Pbench -Dtest=PlatformBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * results go to {@code system-tests/target/benchmarks/platform.md}. See BENCHMARKS.md.
 */
@Tag("bench")
class PlatformBenchmark {

    private static final Set<String> DECIDED = Set.of("CONFIRMED", "REJECTED");
    private static final String[] BRANCHES = {"liverpool", "bangkok-sukhumvit", "new-york-soho"};
    private static final Map<String, ZoneId> ZONES = Map.of("liverpool", ZoneId.of("Europe/London"),
            "bangkok-sukhumvit", ZoneId.of("Asia/Bangkok"), "new-york-soho", ZoneId.of("America/New_York"));

    @Test
    void startMemoryAndTimeToDecision() throws Exception {
        long started = System.nanoTime();
        Platform platform = Platform.shared();
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        Gateway gateway = new Gateway(platform.gatewayUrl());
        Map<String, Long> rss = residentMemory(platform);

        // Warm-up: the first requests pay for class loading and connection set-up.
        sequential(gateway, 10, 9);
        List<Long> oneAtATime = sequential(gateway, 60, 10);
        BurstResult burst = burst(gateway, 200);
        Map<String, Long> rssAfter = residentMemory(platform);

        List<String> lines = new ArrayList<>();
        lines.add("| measure | value |");
        lines.add("|---|---|");
        lines.add(row("start to ready (launcher, fresh data folder)", format(startup)));
        lines.add(row("resident memory at ready, all processes", mb(rss.values().stream().mapToLong(Long::longValue).sum())));
        rss.forEach((name, bytes) -> lines.add(row("  " + name, mb(bytes))));
        lines.add(row("resident memory after the load below", mb(rssAfter.values().stream().mapToLong(Long::longValue).sum())));
        lines.add(row("one booking at a time, POST to decision, p50", oneAtATime.get(oneAtATime.size() / 2) + " ms"));
        lines.add(row("one booking at a time, POST to decision, p95", percentile(oneAtATime, 95) + " ms"));
        lines.add(row("burst of " + burst.count() + " concurrent POSTs, all decided after", burst.allDecidedMillis() + " ms"));
        lines.add(row("burst, POST to decision, p50", percentile(burst.latencies(), 50) + " ms"));
        lines.add(row("burst, POST to decision, p95", percentile(burst.latencies(), 95) + " ms"));
        lines.add(row("burst decisions", burst.confirmed() + " confirmed, " + (burst.count() - burst.confirmed()) + " rejected"));
        String table = String.join(System.lineSeparator(), lines);
        System.out.println(table);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("platform.md"), table + System.lineSeparator());
    }

    private static List<Long> sequential(Gateway gateway, int count, int daysAhead) {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String branch = BRANCHES[i % BRANCHES.length];
            LocalDate day = LocalDate.now(ZONES.get(branch)).plusDays(daysAhead);
            long start = System.nanoTime();
            String id = gateway.postBooking(request(branch, day, LocalTime.of(10, 0).plusMinutes(15L * (i % 32)), i)).body().get("id").asString();
            awaitDecision(gateway, id);
            latencies.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(latencies);
        return latencies;
    }

    private record BurstResult(int count, long allDecidedMillis, List<Long> latencies, int confirmed) {
    }

    private static BurstResult burst(Gateway gateway, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String branch = BRANCHES[i % BRANCHES.length];
            LocalDate day = LocalDate.now(ZONES.get(branch)).plusDays(11 + i % 2);
            String body = request(branch, day, LocalTime.of(10, 0).plusMinutes(15L * (i % 36)), i);
            ids.add(pool.submit(() -> {
                long posted = System.nanoTime();
                String id = gateway.postBooking(body).body().get("id").asString();
                postedAt.put(id, posted);
                return id;
            }));
        }
        Map<String, Long> decidedAt = new ConcurrentHashMap<>();
        Map<String, String> status = new ConcurrentHashMap<>();
        List<String> all = new ArrayList<>();
        for (Future<String> id : ids) {
            all.add(id.get());
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String id : all) {
                if (!decidedAt.containsKey(id)) {
                    String current = gateway.booking(id).get("status").asString();
                    if (DECIDED.contains(current)) {
                        decidedAt.put(id, System.nanoTime());
                        status.put(id, current);
                    }
                }
            }
            return decidedAt.size() == all.size();
        });
        pool.shutdown();
        long allDecided = (decidedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow() - started) / 1_000_000;
        List<Long> latencies = new ArrayList<>(all.stream().map(id -> (decidedAt.get(id) - postedAt.get(id)) / 1_000_000).toList());
        Collections.sort(latencies);
        int confirmed = (int) status.values().stream().filter("CONFIRMED"::equals).count();
        return new BurstResult(count, allDecided, latencies, confirmed);
    }

    private static String request(String branch, LocalDate day, LocalTime time, int i) {
        return booking().branch(branch).technique("SWEDISH", 60).at(day, time)
                .customer("Bench Guest " + i, "bench-" + i + "-" + System.nanoTime() + "@example.com").json();
    }

    private static void awaitDecision(Gateway gateway, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> DECIDED.contains(gateway.booking(id).get("status").asString()));
    }

    private static Map<String, Long> residentMemory(Platform platform) throws IOException {
        Map<String, Long> rss = new java.util.TreeMap<>();
        Path run = platform.dataDirectory().resolve("run");
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(file).trim());
                rss.put(file.getFileName().toString().replace(".pid", ""), vmRss(pid));
            }
        }
        return rss;
    }

    private static long vmRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    private static long percentile(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static String row(String measure, String value) {
        return "| " + measure + " | " + value + " |";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }

    private static String format(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
