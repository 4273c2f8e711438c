package app.sabai.system.bench;

import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Availability at the sizes issue 9 names, through the gateway: one branch of {@value #THERAPISTS} therapists holding
 * {@value #SESSIONS} sessions over {@value #DAYS} days, asked for those {@value #DAYS} days; and one day over a chain of
 * {@value #CHAIN} branches. The branches, therapists, rosters and bookings are made through the public API, as staff
 * would. Latency counts from sending a query to its answer's last byte. Run on demand:
 * {@code ./mvnw verify -Pbench -pl system-tests -Dtest=AvailabilityBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * results in {@code system-tests/target/benchmarks/availability.md}. See BENCHMARKS.md.
 */
@Tag("bench")
class AvailabilityBenchmark {

    static final int THERAPISTS = 30;
    static final int SESSIONS = 1_000;
    static final int DAYS = 14;
    static final int CHAIN = 50;
    /** Therapists at each further branch of the chain. */
    private static final int THERAPISTS_ELSEWHERE = 3;
    private static final int ROOMS = 30;
    private static final int WARM_UP = 20;
    private static final int QUERIES = 200;
    private static final int FIRST_DAY = 3;
    private static final String BIG = "bench-grand";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The latencies of one query, sorted, and the size of its answer. */
    record Timings(List<Long> latencies, int bytes) {

        double percentileMillis(int p) {
            return DecisionBenchmark.percentile(latencies, p) / 1e6;
        }
    }

    /**
     * {@code warmUp} unmeasured queries, then {@code count} measured ones, one after the other, each started at least
     * {@link #PACE} after the one before: the gateway answers a client's 51st request in a second with 429.
     */
    static Timings timed(Gateway gateway, String query, int warmUp, int count) {
        int bytes = 0;
        for (int i = 0; i < warmUp; i++) {
            long started = System.nanoTime();
            bytes = ok(gateway.timedGet(query), query).bytes();
            pace(started);
        }
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            latencies.add(ok(gateway.timedGet(query), query).nanos());
            pace(started);
        }
        Collections.sort(latencies);
        return new Timings(latencies, bytes);
    }

    /** 40 queries a second at most, under the gateway's limit of 50 per client. */
    private static final Duration PACE = Duration.ofMillis(25);

    private static void pace(long started) {
        long left = started + PACE.toNanos() - System.nanoTime();
        if (left > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static Gateway.Timed ok(Gateway.Timed answer, String query) {
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + query + " answered " + answer.status());
        }
        return answer;
    }

    @Test
    void aBigBranchOverAFortnightAndAChainOfFiftyOverADay() throws Exception {
        try (Platform platform = Platform.started(List.of())) {
            Gateway admin = new Gateway(platform.gatewayUrl());
            JsonNode template = admin.get("/api/branches/liverpool").body();
            LocalDate first = LocalDate.now(ZONE).plusDays(FIRST_DAY);

            branch(admin, template, BIG, "Sabai Grand (bench)", ROOMS, 0);
            for (int t = 0; t < THERAPISTS; t++) {
                therapist(admin, template, BIG, "grand-" + t);
            }
            int existing = admin.get("/api/branches").body().size();
            for (int b = 1; b <= CHAIN - existing - 1; b++) {
                String id = "bench-" + b;
                branch(admin, template, id, "Sabai Bench " + b, 3, b);
                for (int t = 0; t < THERAPISTS_ELSEWHERE; t++) {
                    therapist(admin, template, id, id + "-" + t);
                }
            }
            awaitBookable(admin, first);
            int confirmed = bookSessions(admin, first);

            String fortnight = "/api/availability?branchId=" + BIG + "&technique=SWEDISH&durationMinutes=60&from=" + first
                    + "&to=" + first.plusDays(DAYS - 1);
            String chainDay = "/api/availability?technique=SWEDISH&durationMinutes=60&date=" + first.plusDays(1) + "&limit=50";
            awaitBranches(admin, chainDay, CHAIN - existing);
            Map<String, Long> pids = DecisionBenchmark.jvmPids(platform);
            long ticks = DecisionBenchmark.clockTicksPerSecond();
            Map<String, Long> before = DecisionBenchmark.cpuMillis(pids, ticks);
            Timings branch = timed(admin, fortnight, WARM_UP, QUERIES);
            Map<String, Long> between = DecisionBenchmark.cpuMillis(pids, ticks);
            Timings chain = timed(admin, chainDay, WARM_UP, QUERIES);
            Map<String, Long> after = DecisionBenchmark.cpuMillis(pids, ticks);
            String profiled = profile(pids, admin, List.of(fortnight, chainDay));
            JsonNode chainAnswer = admin.get(chainDay).body();
            Set<String> searched = new HashSet<>();
            chainAnswer.get("branches").forEach(ref -> searched.add(ref.get("id").asString()));

            assertThat(confirmed).as("sessions held at " + BIG).isGreaterThanOrEqualTo(SESSIONS * 9 / 10);
            assertThat(searched).as("branches searched in one chain query").hasSizeGreaterThanOrEqualTo(CHAIN - existing);

            String table = String.join(System.lineSeparator(),
                    "| availability query | answer | p50 | p95 | p99 |",
                    "|---|---:|---:|---:|---:|",
                    row("one branch, " + THERAPISTS + " therapists, " + confirmed + " sessions, " + DAYS + " days", branch),
                    row("the chain, " + searched.size() + " branches offering Swedish, one day", chain),
                    "",
                    "CPU per query (ms), warm-up included: one branch " + perQuery(before, between) + "; the chain "
                            + perQuery(between, after),
                    profiled);
            System.out.println(table);
            Path out = Path.of("target", "benchmarks");
            Files.createDirectories(out);
            Files.writeString(out.resolve("availability.md"), table + System.lineSeparator());
        }
    }

    private static String perQuery(Map<String, Long> from, Map<String, Long> to) {
        return String.join(", ", List.of("therapist-service", "gateway", "identity").stream().map(name -> String.format(Locale.ROOT,
                "%s %.2f", name, (to.get(name) - from.get(name)) / (double) (WARM_UP + QUERIES))).toList());
    }

    /**
     * With {@code -Dbench.jfr=therapist-service,gateway}: the queries again under a JFR recording (settings=profile) of each
     * named process, whose hot methods go to {@code target/benchmarks/jfr/availability/}.
     */
    private static String profile(Map<String, Long> pids, Gateway admin, List<String> queries) throws Exception {
        String names = System.getProperty("bench.jfr", "").trim();
        if (names.isEmpty()) {
            return "";
        }
        Path folder = Path.of("target", "benchmarks", "jfr", "availability").toAbsolutePath();
        List<String> processes = List.of(names.split("\\s*,\\s*"));
        DecisionBenchmark.recorded(pids, processes, folder, () -> queries.stream().map(query -> timed(admin, query, 0, QUERIES)).toList());
        return String.join(System.lineSeparator(),
                processes.stream().map(name -> "profiled: " + folder.resolve(name + "-hot-methods.txt")).toList());
    }

    private static String row(String what, Timings timings) {
        return String.format(Locale.ROOT, "| %s | %,d bytes | %.1f ms | %.1f ms | %.1f ms |", what, timings.bytes(),
                timings.percentileMillis(50), timings.percentileMillis(95), timings.percentileMillis(99));
    }

    /** A copy of liverpool's catalogue entry with its own id, name, place and rooms. */
    private static void branch(Gateway admin, JsonNode template, String id, String name, int rooms, int nth) {
        ObjectNode body = (ObjectNode) template.deepCopy();
        body.put("id", id);
        body.put("name", name);
        ObjectNode location = (ObjectNode) body.get("location");
        if (location != null) {
            location.put("latitude", location.get("latitude").asDouble() + nth * 0.01);
        }
        ArrayNode roomList = body.putArray("rooms");
        for (int r = 0; r < rooms; r++) {
            roomList.addObject().put("id", "room-" + r).put("name", "Room " + r).put("kind", "TABLE");
        }
        Gateway.Response created = admin.post("/api/branches", body.toString());
        if (created.status() != 201) {
            throw new IllegalStateException("POST branch " + id + " answered " + created.status() + ": " + created.raw());
        }
    }

    /** A Swedish-trained therapist who works every day the branch opens, opening to closing. */
    private static void therapist(Gateway admin, JsonNode branch, String branchId, String id) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("name", "Therapist " + id)
                .put("gender", id.hashCode() % 2 == 0 ? "FEMALE" : "MALE").put("level", "SENIOR");
        body.putArray("skills").add("SWEDISH").add("DEEP_TISSUE");
        body.putArray("languages").add("en");
        Gateway.Response created = admin.post("/api/branches/" + branchId + "/therapists", body.toString());
        if (created.status() != 201) {
            throw new IllegalStateException("POST therapist " + id + " answered " + created.status() + ": " + created.raw());
        }
        ObjectNode roster = JSON.createObjectNode();
        ArrayNode shifts = roster.putArray("shifts");
        branch.get("openingHours").forEach(hours -> shifts.addObject().put("day", hours.get("day").asString())
                .put("start", hours.get("opens").asString()).put("end", hours.get("closes").asString()));
        Gateway.Response rostered = admin.put("/api/branches/" + branchId + "/therapists/" + id + "/roster/weekly", roster.toString());
        if (rostered.status() != 200) {
            throw new IllegalStateException("PUT roster of " + id + " answered " + rostered.status() + ": " + rostered.raw());
        }
    }

    /**
     * {@value #SESSIONS} hour-long Swedish sessions at the big branch over {@value #DAYS} days, on the half hours from
     * 10:00 to 15:30 (open every day then), paced under the gateway's rate limit; answers how many were confirmed.
     */
    private static int bookSessions(Gateway admin, LocalDate first) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> posted = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < SESSIONS; i++) {
                long due = started + i * TimeUnit.MILLISECONDS.toNanos(40);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                LocalDate day = first.plusDays(i % DAYS);
                LocalTime time = LocalTime.of(10, 0).plusMinutes(30L * ((i / DAYS) % 12));
                String body = booking().branch(BIG).technique("SWEDISH", 60).at(day, time)
                        .customer("Availability Guest " + i, "availability-bench-" + i + "@example.com").json();
                posted.add(pool.submit(() -> {
                    for (int attempt = 0; ; attempt++) {
                        Gateway.Response answer = admin.postBooking(body);
                        if (answer.status() == 202) {
                            return answer.body().get("id").asString();
                        }
                        if (answer.status() != 429 || attempt > 20) {
                            throw new IllegalStateException("POST booking answered " + answer.status() + ": " + answer.raw());
                        }
                        Thread.sleep(500);
                    }
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : posted) {
                ids.add(id.get(2, TimeUnit.MINUTES));
            }
            return confirmed(admin, ids);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int confirmed(Gateway admin, List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int confirmed = 0;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (String id : ids) {
            String status;
            do {
                Thread.sleep(30); // under the gateway's 50 requests a second
                status = admin.booking(id).get("status").asString();
            } while ("PENDING".equals(status) && System.nanoTime() < deadline);
            confirmed += "CONFIRMED".equals(status) ? 1 : 0;
            outcomes.merge(status, 1, Integer::sum);
        }
        System.out.println("bookings at " + BIG + ": " + outcomes);
        return confirmed;
    }

    /** Until every new branch is searched: each service hears of branches and therapists through their events. */
    private static void awaitBranches(Gateway admin, String chainDay, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (admin.get(chainDay).body().get("branches").size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /** Until a booking at the big branch is taken: booking-service hears of a new branch through its event. */
    private static void awaitBookable(Gateway admin, LocalDate first) throws InterruptedException {
        String probe = "/api/availability?branchId=" + BIG + "&technique=SWEDISH&durationMinutes=60&date=" + first;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (admin.get(probe).body().path("slots").size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(2_000);
    }
}
