package app.sabai.system.bench;

import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast the whole platform decides bookings, what each process spends on one, and how that compares with what the
 * same broker can relay and with what a booking request costs when the platform does nothing with it (the floor): all in
 * one run, on one machine, side by side. Bookings go through the gateway with
 * Idempotency-Keys from a pool of client threads; their decisions are read from {@code sabai.bookings} by a plain Kafka
 * consumer (no HTTP polling); CPU comes from {@code /proc/<pid>/stat} of every process the launcher started.
 * Run on demand: {@code ./mvnw verify -Pbench -Dtest=DecisionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbench.jfr=booking-service,therapist-service} to record one further burst with JFR on those processes,
 * and {@code -Dbench.jfr-load=offered} to record the offered load instead; every JVM then keeps exact debug information,
 * {@link #forProfiling}).
 * {@code -Dbench.setups="as shipped;two therapist-services=--instances therapist-service=2"} measures several ways of
 * starting the platform one after the other in the same run and prints them side by side. {@code -Dbench.stored=0} skips
 * the copies stored for the second idle measure; {@code -Dbench.idle-seconds} and {@code -Dbench.settle-seconds} lengthen
 * the idle windows and the wait after the copies before the second. Results go to {@code system-tests/target/benchmarks/decisions.md}. See BENCHMARKS.md.
 */
@Tag("bench")
class DecisionBenchmark {

    private static final int BURST = 300;
    private static final int DAYS = 10;
    private static final int CLIENT_THREADS = 32;
    private static final int ONE_AT_A_TIME = 30;
    /** Bursts before the measured ones; more show the platform as it runs for hours, its compilations paid back. */
    private static final int WARM_UP_BURSTS = Integer.getInteger("bench.warm-up-bursts", 2);
    /** Each idle measure's window: the longer, the less one busy second of the broker's moves it. */
    private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("bench.idle-seconds", 30));
    /** How long the platform is left alone after the copies are stored, before the second idle window (the store writes them out). */
    private static final Duration SETTLE_AT_SCALE = Duration.ofSeconds(Integer.getInteger("bench.settle-seconds", 0));
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final int OFFERED_PER_SECOND = Integer.getInteger("bench.offered-per-second", 50);
    private static final Duration OFFERED_FOR = Duration.ofSeconds(Integer.getInteger("bench.offered-seconds", 20));
    private static final int OFFERED_DAYS = 30;
    private static final int AVAILABILITY_QUERIES = 100;
    /** Booking requests refused by validation for the floor, sent at the offered rate. */
    private static final int FLOOR_REQUESTS = Integer.getInteger("bench.floor-requests", 1_000);
    /** Bookings stored before the second idle measure: copies of decided ones (see {@link #storeCopies}). */
    private static final int STORED_FOR_IDLE = Integer.getInteger("bench.stored", 100_000);

    private static final String[] BRANCHES = {"liverpool", "bangkok-sukhumvit", "new-york-soho"};
    private static final Map<String, ZoneId> ZONES = Map.of("liverpool", ZoneId.of("Europe/London"),
            "bangkok-sukhumvit", ZoneId.of("Asia/Bangkok"), "new-york-soho", ZoneId.of("America/New_York"));
    /** Each branch booked by its own staff, so that no one client's rate limit at the gateway paces the load. */
    private static final Map<String, String> BOOKED_BY = Map.of("liverpool", "staff-liverpool",
            "bangkok-sukhumvit", "staff-bangkok", "new-york-soho", "admin");
    private static final List<String> PROCESSES = List.of("broker", "store", "identity", "booking-service",
            "therapist-service", "notification-service", "gateway", "launcher");

    private static final String REQUESTED = "sabai.bookings.BookingRequested.v1";
    private static final Map<String, String> DECISIONS = Map.of("sabai.bookings.BookingConfirmed.v1", "confirmed",
            "sabai.bookings.BookingRejected.v1", "rejected", "sabai.bookings.BookingNeedsAttention.v1", "needs attention");
    private static final Set<String> NOTIFIED = Set.of("sabai.notifications.NotificationSent.v1",
            "sabai.notifications.NotificationFailed.v1");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger GUESTS = new AtomicInteger();

    /**
     * How the platform is started for one column of the comparison: a label and the launcher's options
     * ({@code --instances therapist-service=2}, {@code --jvm-options "-XX:TieredStopAtLevel=1"}, …).
     */
    record Setup(String label, List<String> launcherOptions) {

        /** {@code label[=options][;label[=options]…]}, such as {@code shipped;two-therapists=--instances therapist-service=2}. */
        static List<Setup> parse(String value) {
            List<Setup> setups = new ArrayList<>();
            for (String entry : value.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] pair = entry.trim().split("=", 2);
                List<String> options = new ArrayList<>();
                if (pair.length == 2 && !pair[1].isBlank()) {
                    for (String option : pair[1].trim().split("\\s+(?=--)")) {
                        int space = option.indexOf(' ');
                        options.addAll(space < 0 ? List.of(option) : List.of(option.substring(0, space), option.substring(space + 1).trim()));
                    }
                }
                setups.add(new Setup(pair[0].trim(), options));
            }
            return setups;
        }
    }

    private record Run(Setup setup, List<String> processes, List<Burst> warmUp, Burst first, Burst second, List<Long> oneAtATime, Burst offered,
                       Floor floor, Availability availability, Map<String, Long> idle, long stored, Map<String, Long> idleAtScale,
                       long storedAtScale, Relay.Result ceiling, List<String> profiled) {

        double burstRate() {
            return (first.decisionsPerSecond() + second.decisionsPerSecond()) / 2;
        }

        double cpuPerBooking() {
            return (first.totalCpuPerBooking() + second.totalCpuPerBooking()) / 2;
        }

        double cpuPerBooking(String process) {
            return (first.cpuPerBooking(process) + second.cpuPerBooking(process)) / 2;
        }
    }

    @Test
    void decisionsPerSecondCpuPerBookingAndTheBrokersCeiling() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (Setup setup : Setup.parse(System.getProperty("bench.setups", "as shipped"))) {
            runs.add(measure(setup));
        }

        for (Run run : runs) {
            for (Burst burst : List.of(run.first(), run.second(), run.offered())) {
                assertThat(burst.undecided()).as(run.setup().label() + ": bookings without a decision on sabai.bookings").isZero();
                assertThat(burst.decidedMoreThanOnce()).as(run.setup().label() + ": bookings with more than one decision").isZero();
            }
            assertThat(run.oneAtATime()).hasSize(ONE_AT_A_TIME);
            assertThat(run.floor().refused()).as(run.setup().label() + ": floor requests answered 400").isEqualTo(run.floor().count());
            assertThat(run.ceiling().delivered()).as("records through the three hops").isEqualTo(BURST);
        }

        List<String> sections = new ArrayList<>();
        if (runs.size() > 1) {
            sections.add(sideBySide(runs));
        }
        runs.forEach(run -> sections.add(table(run)));
        String table = String.join(System.lineSeparator() + System.lineSeparator(), sections);
        System.out.println(table);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("decisions.md"), table + System.lineSeparator());
    }

    /** One platform, started as the setup says on a fresh data folder, measured from warm-up to idle, then thrown away. */
    private static Run measure(Setup setup) throws Exception {
        try (Platform platform = Platform.started(forProfiling(setup.launcherOptions()))) {
            Gateway gateway = new Gateway(platform.gatewayUrl());
            Map<String, Long> pids = jvmPids(platform);
            long ticksPerSecond = clockTicksPerSecond();
            Meters meters = new Meters(pids, ticksPerSecond, storeUri(platform));
            try (BookingStream stream = new BookingStream(platform.bootstrapServers())) {
                // Warm-up: class loading, connections, tokens, and the JIT's compilations of the decision path (their CPU
                // would otherwise count against the first burst). C1's settle within a few hundred bookings; C2's go on
                // past 3,000 (BENCHMARKS.md §4.9), which -Dbench.warm-up-bursts shows.
                sequential(gateway, stream, 10, 80);
                List<Burst> warmUp = new ArrayList<>();
                for (int n = 0; n < WARM_UP_BURSTS; n++) {
                    warmUp.add(burst(gateway, stream, meters, BURST, 60 + DAYS * (n % 2)));
                    stream.awaitQuiet(QUIET, Duration.ofMinutes(1));
                }

                Burst first = burst(gateway, stream, meters, BURST, 10);
                stream.awaitQuiet(QUIET, Duration.ofMinutes(1));
                Burst second = burst(gateway, stream, meters, BURST, 10 + DAYS);
                stream.awaitQuiet(QUIET, Duration.ofMinutes(1));
                List<Long> oneAtATime = sequential(gateway, stream, ONE_AT_A_TIME, 10 + 2 * DAYS);
                stream.awaitQuiet(QUIET, Duration.ofMinutes(1));
                Burst offered = offered(gateway, stream, meters, OFFERED_PER_SECOND, OFFERED_FOR, 10 + 3 * DAYS);
                stream.awaitQuiet(QUIET, Duration.ofMinutes(2));
                Floor floor = Floor.measure(gateway, meters, OFFERED_PER_SECOND, FLOOR_REQUESTS);
                Availability availability = Availability.measure(gateway, 10);

                stream.awaitQuiet(QUIET, Duration.ofMinutes(1));
                Map<String, Long> before = cpuMillis(pids, ticksPerSecond);
                Thread.sleep(IDLE.toMillis());
                Map<String, Long> idle = minus(cpuMillis(pids, ticksPerSecond), before);

                long stored = storedBookings(platform);

                Relay.Result ceiling;
                try (Relay relay = new Relay(platform.bootstrapServers(), stream.requestedValueBytes())) {
                    relay.round(BURST, Map.of(), ticksPerSecond);
                    ceiling = relay.round(BURST, Map.of("broker", pids.get("broker")), ticksPerSecond);
                }

                List<String> profiled = new ArrayList<>();
                String toProfile = System.getProperty("bench.jfr", "").trim();
                if (!toProfile.isEmpty()) {
                    profiled.addAll(profile(setup, gateway, stream, meters, List.of(toProfile.split("\\s*,\\s*"))));
                }
                storeCopies(platform, STORED_FOR_IDLE - stored);
                stream.awaitQuiet(QUIET, Duration.ofMinutes(2));
                Thread.sleep(SETTLE_AT_SCALE.toMillis());
                Map<String, Long> beforeAtScale = cpuMillis(pids, ticksPerSecond);
                Thread.sleep(IDLE.toMillis());
                Map<String, Long> idleAtScale = minus(cpuMillis(pids, ticksPerSecond), beforeAtScale);
                return new Run(setup, List.copyOf(pids.keySet()), warmUp, first, second, oneAtATime, offered, floor, availability, idle,
                        stored, idleAtScale, storedBookings(platform), ceiling, profiled);
            }
        }
    }

    // ---- the load ---------------------------------------------------------------------------------------------------

    private record Posted(String id, long postedAt, long answeredAt, int throttled) {
    }

    private record Burst(int count, long wallNanos, List<Long> postNanos, List<Long> decisionNanos, Map<String, Integer> outcomes,
                         int undecided, int decidedMoreThanOnce, int throttled, int notified, Map<String, Long> cpuMillis,
                         Map<String, Long> compilerMillis, long storeCommands) {

        double decisionsPerSecond() {
            return decided() / (wallNanos / 1e9);
        }

        double cpuPerBooking(String process) {
            return perDecided(cpuMillis.getOrDefault(process, 0L));
        }

        double totalCpuPerBooking() {
            return perDecided(sum(cpuMillis));
        }

        double compilerCpuPerBooking(String process) {
            return perDecided(compilerMillis.getOrDefault(process, 0L));
        }

        /** The commands that read or wrote data, as the store counted them, over every process's work for these bookings. */
        double storeCommandsPerBooking() {
            return storeCommands / (double) decided();
        }

        /** What the JIT compilers' threads spent, of {@link #totalCpuPerBooking()}. */
        double compilerCpuPerBooking() {
            return perDecided(sum(compilerMillis));
        }

        private int decided() {
            return count - undecided;
        }

        private double perDecided(long millis) {
            return millis / (double) decided();
        }

        private static long sum(Map<String, Long> millisByProcess) {
            return millisByProcess.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * {@code count} bookings over the three branches and {@link #DAYS} days from {@code firstDay} days ahead, posted all at
     * once by the client threads. CPU is read before the first POST and after the last booking's customer was notified, so
     * it holds everything the platform does for these bookings (and its timers meanwhile).
     */
    private static Burst burst(Gateway gateway, BookingStream stream, Meters meters, int count, int firstDay) throws Exception {
        return load(gateway, stream, meters, count, 0, firstDay, DAYS, 18);
    }

    /**
     * {@code perSecond} bookings a second for {@code duration}, each sent at its time whatever the answers before it
     * (an open load, as customers arrive); latency counts from when a booking was due to be sent, so that a slow answer
     * cannot hide the queue behind it. Over {@link #OFFERED_DAYS} days from {@code firstDay}, starting 10:00 to 15:30
     * (every branch is open then, Sundays too).
     */
    private static Burst offered(Gateway gateway, BookingStream stream, Meters meters, int perSecond, Duration duration, int firstDay)
            throws Exception {
        return load(gateway, stream, meters, (int) (perSecond * duration.toSeconds()), 1_000_000_000L / perSecond,
                firstDay, OFFERED_DAYS, 12);
    }

    /**
     * {@code count} bookings, the n-th due {@code n * intervalNanos} after the first, spread over the branches, then
     * {@code days} days, then {@code starts} half-hourly starts from 10:00.
     */
    private static Burst load(Gateway gateway, BookingStream stream, Meters meters, int count, long intervalNanos, int firstDay,
                              int days, int starts) throws Exception {
        Map<String, Long> cpuBefore = meters.cpuMillis();
        Map<String, Long> compilersBefore = meters.compilerMillis();
        long commandsBefore = meters.storeCommands();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        long started = System.nanoTime();
        List<Future<Posted>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                long due = started + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String branch = BRANCHES[i % BRANCHES.length];
                LocalDate day = LocalDate.now(ZONES.get(branch)).plusDays(firstDay + (i / BRANCHES.length) % days);
                LocalTime time = LocalTime.of(10, 0).plusMinutes(30L * ((i / (BRANCHES.length * days)) % starts));
                String body = request(branch, day, time);
                long postedAt = intervalNanos == 0 ? -1 : due;
                futures.add(pool.submit(() -> post(gateway.as(BOOKED_BY.get(branch)), body, postedAt < 0 ? System.nanoTime() : postedAt)));
            }
            return decided(stream, futures, started, count, cpuBefore, compilersBefore, commandsBefore, meters);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for every answer and decision, then reads what they cost. */
    private static Burst decided(BookingStream stream, List<Future<Posted>> futures, long started, int count,
                                 Map<String, Long> cpuBefore, Map<String, Long> compilersBefore, long commandsBefore, Meters meters)
            throws Exception {
        List<Posted> posted = new ArrayList<>();
        for (Future<Posted> future : futures) {
            posted.add(future.get(5, TimeUnit.MINUTES));
        }
        List<String> ids = posted.stream().map(Posted::id).toList();
        stream.awaitDecided(ids, Duration.ofMinutes(5));
        stream.awaitNotified(ids, Duration.ofMinutes(1));
        Map<String, Long> cpu = minus(meters.cpuMillis(), cpuBefore);
        Map<String, Long> compilers = minus(meters.compilerMillis(), compilersBefore);
        long commands = meters.storeCommands() - commandsBefore;

        List<Long> post = new ArrayList<>();
        List<Long> decision = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int undecided = 0;
        int twice = 0;
        long lastDecision = started;
        for (Posted p : posted) {
            post.add(p.answeredAt() - p.postedAt());
            BookingStream.Decision d = stream.decision(p.id());
            if (d == null) {
                undecided++;
                continue;
            }
            decision.add(d.firstSeenAt() - p.postedAt());
            lastDecision = Math.max(lastDecision, d.firstSeenAt());
            outcomes.merge(d.outcome(), 1, Integer::sum);
            if (d.distinctEvents() > 1) {
                twice++;
            }
        }
        Collections.sort(post);
        Collections.sort(decision);
        int notified = (int) ids.stream().filter(stream::notified).count();
        int throttled = posted.stream().mapToInt(Posted::throttled).sum();
        return new Burst(count, lastDecision - started, post, decision, outcomes, undecided, twice, throttled, notified, cpu, compilers,
                commands);
    }

    /** One booking at a time: each posted only once the one before is decided. */
    private static List<Long> sequential(Gateway gateway, BookingStream stream, int count, int firstDay) throws InterruptedException {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String branch = BRANCHES[i % BRANCHES.length];
            LocalDate day = LocalDate.now(ZONES.get(branch)).plusDays(firstDay + (i / BRANCHES.length) % DAYS);
            Posted posted = post(gateway.as(BOOKED_BY.get(branch)), request(branch, day, LocalTime.of(11, 0)));
            stream.awaitDecided(List.of(posted.id()), Duration.ofMinutes(1));
            BookingStream.Decision decision = stream.decision(posted.id());
            if (decision != null) {
                latencies.add(decision.firstSeenAt() - posted.postedAt());
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    /** A POST with its own Idempotency-Key; a 429 from the gateway's rate limit is sent again with the same key. */
    private static Posted post(Gateway gateway, String body) throws InterruptedException {
        return post(gateway, body, System.nanoTime());
    }

    private static Posted post(Gateway gateway, String body, long postedAt) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        int throttled = 0;
        while (true) {
            Gateway.Response response = gateway.post("/api/bookings", body, Map.of("Idempotency-Key", key));
            if (response.status() == 202) {
                return new Posted(response.body().get("id").asString(), postedAt, System.nanoTime(), throttled);
            }
            if (response.status() != 429 || throttled > 30) {
                throw new IllegalStateException("POST /api/bookings answered " + response.status() + ": " + response.raw());
            }
            throttled++;
            Thread.sleep(1000);
        }
    }

    private static String request(String branch, LocalDate day, LocalTime time) {
        int guest = GUESTS.incrementAndGet();
        return booking().branch(branch).technique("SWEDISH", 60).at(day, time)
                .customer("Bench Guest " + guest, "decision-bench-" + guest + "-" + System.nanoTime() + "@example.com").json();
    }

    // ---- the floor ------------------------------------------------------------------------------------------------

    /**
     * What a booking's request costs before the platform does anything with it: booking requests sent as the offered load
     * sends them (the same body and headers, an {@code Idempotency-Key} each, {@code perSecond} a second from the client
     * threads), each for a start in the past, so that booking-service looks for the key, validates and answers 400. Nothing
     * is stored and no event is published; what the processes spend is the gateway's and the service's HTTP path, tokens
     * and rate limits included, and one lookup in the store.
     */
    private record Floor(int count, int refused, long wallNanos, Map<String, Long> cpuMillis) {

        static Floor measure(Gateway gateway, Meters meters, int perSecond, int count) throws Exception {
            long intervalNanos = 1_000_000_000L / perSecond;
            Map<String, Long> cpuBefore = meters.cpuMillis();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
            long started = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    long wait = started + i * intervalNanos - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    String branch = BRANCHES[i % BRANCHES.length];
                    String body = request(branch, LocalDate.now(ZONES.get(branch)).minusDays(1 + i % DAYS), LocalTime.of(11, 0));
                    Gateway client = gateway.as(BOOKED_BY.get(branch));
                    answers.add(pool.submit(() -> client.post("/api/bookings", body,
                            Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()));
                }
                int refused = 0;
                for (Future<Integer> answer : answers) {
                    refused += answer.get(1, TimeUnit.MINUTES) == 400 ? 1 : 0;
                }
                return new Floor(count, refused, System.nanoTime() - started, minus(meters.cpuMillis(), cpuBefore));
            } finally {
                pool.shutdownNow();
            }
        }

        double perRequest(String process) {
            return cpuMillis.getOrDefault(process, 0L) / (double) count;
        }

        double perRequest() {
            return cpuMillis.values().stream().mapToLong(Long::longValue).sum() / (double) count;
        }

        /** What the process would have spent idle over the floor's time, per request, at the rate of an idle window. */
        double idlePerRequest(long idleMillis, Duration window) {
            return idleMillis * (wallNanos / (double) window.toNanos()) / count;
        }
    }

    // ---- availability ---------------------------------------------------------------------------------------------

    /**
     * Client-side latency through the gateway of {@link #AVAILABILITY_QUERIES} availability queries of each kind, after
     * the bursts booked the days asked about: one branch over 14 days, and one day over every branch of the chain.
     */
    private record Availability(List<Long> branchFortnight, List<Long> chainDay, int branches) {

        static Availability measure(Gateway gateway, int firstDay) {
            LocalDate from = LocalDate.now(ZONES.get("liverpool")).plusDays(firstDay);
            String fortnight = "/api/availability?branchId=liverpool&technique=SWEDISH&durationMinutes=60&from=" + from + "&to="
                    + from.plusDays(13);
            String chain = "/api/availability?technique=SWEDISH&durationMinutes=60&date=" + from.plusDays(1) + "&limit=50";
            List<Long> branch = timed(gateway, fortnight);
            List<Long> chainDay = timed(gateway, chain);
            JsonNode offered = gateway.get(chain).body();
            Set<String> branches = new HashSet<>();
            offered.findValuesAsString("branchId").forEach(branches::add);
            return new Availability(branch, chainDay, branches.size());
        }

        private static List<Long> timed(Gateway gateway, String query) {
            return AvailabilityBenchmark.timed(gateway, query, 10, AVAILABILITY_QUERIES).latencies();
        }
    }

    // ---- decisions as they appear on the topics --------------------------------------------------------------------

    /**
     * A plain consumer of {@code sabai.bookings} and {@code sabai.notifications} from their current ends: when each
     * booking's first decision arrived, which, how many distinct decision events it had, and whether its customer was
     * told. It also keeps the size of the BookingRequested values, for the relay to send records as large.
     */
    private static final class BookingStream implements AutoCloseable {

        record Decision(long firstSeenAt, String outcome, Set<String> eventIds) {
            int distinctEvents() {
                return eventIds.size();
            }
        }

        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread poller;
        private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
        private final Set<String> notified = ConcurrentHashMap.newKeySet();
        private final AtomicLong lastRecordAt = new AtomicLong(System.nanoTime());
        private final AtomicLong requestedBytes = new AtomicLong();
        private final AtomicLong requestedCount = new AtomicLong();
        private volatile boolean running = true;

        BookingStream(String bootstrapServers) {
            consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // the services' idle polling rate, so that watching does not add to the idle figures it measures
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("sabai.bookings", "sabai.notifications")) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = Thread.ofPlatform().name("decision-stream").start(this::poll);
        }

        private void poll() {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        lastRecordAt.set(now);
                        String type = header(record, "ce_type");
                        if (REQUESTED.equals(type)) {
                            requestedBytes.addAndGet(record.value().length);
                            requestedCount.incrementAndGet();
                        } else if (type != null && DECISIONS.containsKey(type)) {
                            String bookingId = header(record, "ce_subject");
                            if (bookingId == null) {
                                bookingId = json(record).get("bookingId").asString();
                            }
                            decisions.computeIfAbsent(bookingId, id -> new Decision(now, DECISIONS.get(type), ConcurrentHashMap.newKeySet()))
                                    .eventIds().add(header(record, "ce_id"));
                        } else if (type != null && NOTIFIED.contains(type)) {
                            JsonNode bookingId = json(record).get("bookingId");
                            if (bookingId != null && !bookingId.isNull()) {
                                notified.add(bookingId.asString());
                            }
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // close() below
            }
        }

        Decision decision(String bookingId) {
            return decisions.get(bookingId);
        }

        boolean notified(String bookingId) {
            return notified.contains(bookingId);
        }

        int requestedValueBytes() {
            long count = requestedCount.get();
            return count == 0 ? 1024 : (int) (requestedBytes.get() / count);
        }

        void awaitDecided(Collection<String> ids, Duration within) throws InterruptedException {
            awaitAll(ids, decisions::containsKey, within);
        }

        /** Until every customer was told, or nothing more arrived for a few seconds (a message that is never sent). */
        void awaitNotified(Collection<String> ids, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && !ids.stream().allMatch(notified::contains)
                    && System.nanoTime() - lastRecordAt.get() < Duration.ofSeconds(3).toNanos()) {
                Thread.sleep(5);
            }
        }

        private static void awaitAll(Collection<String> ids, Predicate<String> done, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && !ids.stream().allMatch(done)) {
                Thread.sleep(5);
            }
        }

        /** Until neither topic has had a record for {@code quiet}: the platform has finished what the load started. */
        void awaitQuiet(Duration quiet, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && System.nanoTime() - lastRecordAt.get() < quiet.toNanos()) {
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            poller.join(10_000);
            consumer.close();
        }
    }

    // ---- the ceiling: the same broker relaying plain records --------------------------------------------------------

    /**
     * Records as large as a BookingRequested, through three hops on the platform's broker with plain clients configured
     * as the services' (acks=all, idempotent, no linger): produce → consume+produce → consume+produce → consume, each
     * relay committing its offsets after every poll, as the services' listeners do.
     */
    private static final class Relay implements AutoCloseable {

        record Result(int delivered, int valueBytes, long wallNanos, List<Long> latencies, List<Long> oneAtATime,
                      Map<String, Long> cpuMillis) {
            double perSecond() {
                return delivered / (wallNanos / 1e9);
            }
        }

        private static final int HOPS = 3;
        private final String bootstrapServers;
        private final int valueBytes;
        private final List<String> topics = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
        private final KafkaProducer<String, byte[]> source;
        private volatile boolean running = true;
        private volatile AtomicLongArray receivedAt;
        private volatile CountDownLatch arrived;

        Relay(String bootstrapServers, int valueBytes) throws Exception {
            this.bootstrapServers = bootstrapServers;
            this.valueBytes = valueBytes;
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 1; i <= HOPS; i++) {
                topics.add("bench.relay." + run + "." + i);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 3, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
            }
            source = producer();
            for (int hop = 0; hop < HOPS - 1; hop++) {
                start("relay-" + (hop + 1), topics.get(hop), topics.get(hop + 1));
            }
            start("relay-sink", topics.get(HOPS - 1), null);
        }

        private void start(String name, String from, String to) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, from + "." + name,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(from).stream()
                    .map(info -> new TopicPartition(from, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            consumers.add(consumer);
            KafkaProducer<String, byte[]> producer = to == null ? null : producer();
            threads.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    while (running) {
                        var records = consumer.poll(Duration.ofMillis(100));
                        for (ConsumerRecord<String, byte[]> record : records) {
                            if (producer != null) {
                                producer.send(new ProducerRecord<>(to, null, record.key(), record.value(), record.headers()));
                            } else {
                                int n = Integer.parseInt(header(record, "n"));
                                AtomicLongArray round = receivedAt;
                                if (n < round.length() && round.compareAndSet(n, 0, System.nanoTime())) {
                                    arrived.countDown();
                                }
                            }
                        }
                        if (!records.isEmpty()) {
                            consumer.commitAsync();
                        }
                    }
                } catch (WakeupException stopping) {
                    // close() below
                } finally {
                    if (producer != null) {
                        producer.close(Duration.ofSeconds(5));
                    }
                    consumer.close(Duration.ofSeconds(5));
                }
            }));
        }

        private KafkaProducer<String, byte[]> producer() {
            return new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
        }

        /** {@code count} records sent at once, then {@link #ONE_AT_A_TIME} one after the other. */
        Result round(int count, Map<String, Long> pids, long ticksPerSecond) throws InterruptedException {
            byte[] value = new byte[valueBytes];
            Arrays.fill(value, (byte) 'x');
            Map<String, Long> cpuBefore = cpuMillis(pids, ticksPerSecond);
            cpuBefore.put("benchmark client (relay threads)", selfCpuMillis(ticksPerSecond));
            long[] sentAt = new long[count];
            receivedAt = new AtomicLongArray(count);
            arrived = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                sentAt[i] = System.nanoTime();
                source.send(record(i, value));
            }
            source.flush();
            arrived.await(2, TimeUnit.MINUTES);
            Map<String, Long> cpu = minus(cpuMillis(pids, ticksPerSecond), cpuBefore);
            cpu.put("benchmark client (relay threads)", selfCpuMillis(ticksPerSecond) - cpuBefore.get("benchmark client (relay threads)"));
            List<Long> latencies = new ArrayList<>();
            long last = sentAt[0];
            for (int i = 0; i < count; i++) {
                long received = receivedAt.get(i);
                if (received != 0) {
                    latencies.add(received - sentAt[i]);
                    last = Math.max(last, received);
                }
            }
            Collections.sort(latencies);

            List<Long> oneAtATime = new ArrayList<>();
            for (int i = 0; i < ONE_AT_A_TIME; i++) {
                receivedAt = new AtomicLongArray(1);
                arrived = new CountDownLatch(1);
                long sent = System.nanoTime();
                source.send(record(0, value));
                source.flush();
                if (arrived.await(30, TimeUnit.SECONDS)) {
                    oneAtATime.add(receivedAt.get(0) - sent);
                }
            }
            Collections.sort(oneAtATime);
            return new Result(latencies.size(), valueBytes, last - sentAt[0], latencies, oneAtATime, cpu);
        }

        private ProducerRecord<String, byte[]> record(int n, byte[] value) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.getFirst(), BRANCHES[n % BRANCHES.length], value);
            record.headers().add("n", Integer.toString(n).getBytes(StandardCharsets.UTF_8));
            return record;
        }

        @Override
        public void close() throws Exception {
            running = false;
            consumers.forEach(KafkaConsumer::wakeup);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            source.close(Duration.ofSeconds(5));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    // ---- profiling ----------------------------------------------------------------------------------------------------

    /**
     * One further burst, or with {@code -Dbench.jfr-load=offered} the offered load again, with a JFR recording
     * (settings=profile) on each named process; each recording and its {@code jfr view hot-methods} go to
     * {@code target/benchmarks/jfr/}. Kept apart from the figures above: recording costs CPU.
     */
    private static List<String> profile(Setup setup, Gateway gateway, BookingStream stream, Meters meters, List<String> names)
            throws Exception {
        Path folder = Path.of("target", "benchmarks", "jfr", setup.label().replaceAll("[^A-Za-z0-9]+", "-")).toAbsolutePath();
        boolean offered = "offered".equals(System.getProperty("bench.jfr-load", "burst"));
        Burst load = recorded(meters.pids(), names, folder, () -> {
            stream.awaitQuiet(QUIET, Duration.ofMinutes(1));
            // The offered load's 30 days end on the 89th, inside the 90 days ahead that a booking may be made for.
            return offered ? offered(gateway, stream, meters, OFFERED_PER_SECOND, OFFERED_FOR, 60)
                    : burst(gateway, stream, meters, BURST, 12 + 5 * DAYS);
        });
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "profiled %s (JFR on %s): %.1f decisions/s, %d undecided",
                offered ? OFFERED_PER_SECOND + "/s offered" : "burst", String.join(", ", names), load.decisionsPerSecond(), load.undecided()));
        for (String name : names) {
            lines.add(name + ": " + folder.resolve(name + ".jfr") + " (hot methods: " + folder.resolve(name + "-hot-methods.txt") + ")");
        }
        return lines;
    }

    /**
     * The launcher's options, with every JVM told to keep where each compiled instruction came from when a profile is to
     * be recorded. JFR started by {@code jcmd} on a running JVM samples code compiled without that, and gives a sample to
     * the nearest point the compiler described: a method inlined beside the one that ran (H2's {@code ObjectDataType}
     * where a unique index compared its own keys, say). JFR turns it on itself only when started with the JVM.
     */
    private static List<String> forProfiling(List<String> launcherOptions) {
        if (System.getProperty("bench.jfr", "").isBlank()) {
            return launcherOptions;
        }
        String exact = "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints";
        List<String> options = new ArrayList<>(launcherOptions);
        int given = options.indexOf("--jvm-options");
        if (given >= 0 && given + 1 < options.size()) {
            options.set(given + 1, options.get(given + 1) + " " + exact);
        } else {
            options.addAll(List.of("--jvm-options", exact));
        }
        return options;
    }

    /**
     * {@code work} under a JFR recording (settings=profile) of each named process: {@code <name>.jfr} in {@code folder},
     * with its {@code jfr view hot-methods} beside it as {@code <name>-hot-methods.txt}.
     */
    static <T> T recorded(Map<String, Long> pids, List<String> names, Path folder, Callable<T> work) throws Exception {
        Files.createDirectories(folder);
        Path bin = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        for (String name : names) {
            run(bin.resolve("jcmd").toString(), Long.toString(pids.get(name)), "JFR.start", "name=bench", "settings=profile",
                    "filename=" + folder.resolve(name + ".jfr"));
        }
        try {
            return work.call();
        } finally {
            for (String name : names) {
                run(bin.resolve("jcmd").toString(), Long.toString(pids.get(name)), "JFR.stop", "name=bench");
                String hot = run(bin.resolve("jfr").toString(), "view", "--width", "200", "hot-methods", folder.resolve(name + ".jfr").toString());
                Files.writeString(folder.resolve(name + "-hot-methods.txt"), hot);
            }
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(2, TimeUnit.MINUTES);
        return output;
    }

    // ---- processes and their CPU ------------------------------------------------------------------------------------

    /**
     * Each process's JVM, from the launcher's pid files (further instances, such as {@code therapist-service-2}, after
     * the usual ones); the launcher may start a child through {@code setsid}, whose java is then its descendant.
     */
    static Map<String, Long> jvmPids(Platform platform) throws IOException {
        List<String> names = new ArrayList<>(PROCESSES);
        try (var files = Files.list(platform.dataDirectory().resolve("run"))) {
            files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".pid"))
                    .map(file -> file.substring(0, file.length() - ".pid".length()))
                    .filter(name -> !names.contains(name)).sorted().forEach(names::add);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : names) {
            long pid = platform.pid(name).orElseThrow(() -> new IllegalStateException("no pid file for " + name));
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " is not running"));
            pids.put(name, isJava(process) ? pid : process.descendants().filter(DecisionBenchmark::isJava).findFirst()
                    .map(ProcessHandle::pid).orElse(pid));
        }
        return pids;
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/java")).orElse(false);
    }

    static long clockTicksPerSecond() {
        try {
            return Long.parseLong(run("getconf", "CLK_TCK").trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** What a load is measured by, read before and after it: each process's CPU, its compilers' part, and the store's commands. */
    private record Meters(Map<String, Long> pids, long ticksPerSecond, String storeUri) {

        Map<String, Long> cpuMillis() {
            return DecisionBenchmark.cpuMillis(pids, ticksPerSecond);
        }

        Map<String, Long> compilerMillis() {
            return DecisionBenchmark.compilerMillis(pids, ticksPerSecond);
        }

        /** The commands that read or write data the store has answered since it started, whichever database they were for. */
        long storeCommands() {
            try (MongoClient client = MongoClients.create(storeUri)) {
                Document commands = client.getDatabase("admin").runCommand(new Document("serverStatus", 1))
                        .get("metrics", Document.class).get("commands", Document.class);
                return DATA_COMMANDS.stream().map(name -> commands.get(name, Document.class))
                        .mapToLong(counted -> counted == null ? 0 : counted.get("total", Number.class).longValue()).sum();
            }
        }
    }

    private static final List<String> DATA_COMMANDS = List.of("find", "getMore", "insert", "update", "delete", "findAndModify",
            "aggregate", "count");

    static Map<String, Long> cpuMillis(Map<String, Long> pids, long ticksPerSecond) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, cpuTicks(pid) * 1000 / ticksPerSecond));
        return cpu;
    }

    /** The CPU of each process's JIT compiler threads ({@code C1 CompilerThre}, {@code C2 CompilerThre}), from their {@code stat}. */
    static Map<String, Long> compilerMillis(Map<String, Long> pids, long ticksPerSecond) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long ticks = 0;
            try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path thread : threads.toList()) {
                    try {
                        String stat = Files.readString(thread.resolve("stat"));
                        if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains("CompilerThre")) {
                            ticks += ticksOf(stat);
                        }
                    } catch (IOException threadEnded) {
                        // A compiler thread that ended meanwhile (the JVM stops idle ones): its time is counted no more.
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list the threads of process " + pid, e);
            }
            cpu.put(name, ticks * 1000 / ticksPerSecond);
        });
        return cpu;
    }

    private static long selfCpuMillis(long ticksPerSecond) {
        return cpuTicks(ProcessHandle.current().pid()) * 1000 / ticksPerSecond;
    }

    /** utime + stime of all the process's threads, from {@code /proc/<pid>/stat}. */
    private static long cpuTicks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** utime + stime from a process's or a thread's {@code stat}: fields 14 and 15, counted after the name. */
    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new LinkedHashMap<>();
        after.forEach((name, value) -> difference.put(name, value - before.getOrDefault(name, 0L)));
        return difference;
    }

    private static long storedBookings(Platform platform) throws IOException {
        try (MongoClient client = MongoClients.create(storeUri(platform))) {
            return client.getDatabase("booking").getCollection("bookings").estimatedDocumentCount();
        }
    }

    /**
     * Makes the store hold as much as a chain's years would: {@code count} copies of a decided booking's documents in
     * each service's database (booking-service's booking, notification-service's messages, therapist-service's
     * assignment), written straight to the store, with nothing waiting in them (no outbox entry, no message due), as
     * bookings long past are. Nothing on a timer may read them.
     */
    private static void storeCopies(Platform platform, long count) throws IOException {
        if (count <= 0) {
            return;
        }
        try (MongoClient client = MongoClients.create(storeUri(platform))) {
            copy(client.getDatabase("booking").getCollection("bookings"), count, Filters.eq("status", "CONFIRMED"));
            copy(client.getDatabase("notification").getCollection("booking_notifications"), count, Filters.exists("_id"));
            copy(client.getDatabase("therapist").getCollection("assignments"), count, Filters.exists("_id"));
        }
    }

    private static void copy(MongoCollection<Document> collection, long count, Bson template) {
        Document original = collection.find(template).first();
        if (original == null) {
            throw new IllegalStateException("nothing to copy in " + collection.getNamespace());
        }
        original.remove("outbox");
        original.remove("nextDueAt");
        List<String> unique = new ArrayList<>();
        for (Document index : collection.listIndexes()) {
            if (index.getBoolean("unique", false)) {
                index.get("key", Document.class).keySet().stream().filter(field -> !field.equals("_id") && !field.contains("."))
                        .forEach(unique::add);
            }
        }
        List<Document> batch = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Document copy = new Document(original);
            copy.put("_id", "stored-copy-" + i);
            for (String field : unique) {
                if (copy.get(field) != null) {
                    copy.put(field, copy.get(field) + "-copy-" + i);
                }
            }
            batch.add(copy);
            if (batch.size() == 1000 || i == count - 1) {
                collection.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
    }

    private static String storeUri(Platform platform) throws IOException {
        Path command = platform.dataDirectory().resolve("run").resolve("booking-service.command");
        return Files.readAllLines(command).stream().filter(line -> line.startsWith("--spring.mongodb.uri="))
                .map(line -> line.substring("--spring.mongodb.uri=".length())).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
    }

    // ---- the table ----------------------------------------------------------------------------------------------------

    /** The key figures of every setup, one column each. */
    private static String sideBySide(List<Run> runs) {
        List<String> lines = new ArrayList<>();
        lines.add("### Side by side");
        lines.add("");
        StringBuilder header = new StringBuilder("| measure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Run run : runs) {
            header.append(' ').append(run.setup().label()).append(" |");
            rule.append("---:|");
        }
        lines.add(header.toString());
        lines.add(rule.toString());
        lines.add(across(runs, "launcher options", run -> run.setup().launcherOptions().isEmpty() ? "–"
                : "`" + String.join(" ", run.setup().launcherOptions()) + "`"));
        lines.add(across(runs, "bursts of " + BURST + ", decisions/s", run -> rate(run.burstRate())));
        lines.add(across(runs, "bursts, POST to decision p99", run -> ms(Math.max(percentile(run.first().decisionNanos(), 99),
                percentile(run.second().decisionNanos(), 99)))));
        lines.add(across(runs, "**CPU per decided booking, all processes (ms)**", run -> "**" + decimal(run.cpuPerBooking()) + "**"));
        lines.add(across(runs, "  of it, the JIT compilers", run -> decimal((run.first().compilerCpuPerBooking()
                + run.second().compilerCpuPerBooking()) / 2)));
        List<String> processes = new ArrayList<>();
        runs.forEach(run -> run.processes().stream().filter(process -> !processes.contains(process)).forEach(processes::add));
        for (String process : processes) {
            lines.add(across(runs, "  " + process, run -> run.processes().contains(process) ? decimal(run.cpuPerBooking(process)) : "–"));
        }
        lines.add(across(runs, OFFERED_PER_SECOND + "/s offered for " + OFFERED_FOR.toSeconds() + " s: decisions/s",
                run -> rate(run.offered().decisionsPerSecond())));
        lines.add(across(runs, OFFERED_PER_SECOND + "/s offered: POST to decision p50 / p99",
                run -> ms(percentile(run.offered().decisionNanos(), 50)) + " / " + ms(percentile(run.offered().decisionNanos(), 99))));
        lines.add(across(runs, "floor: CPU per booking request refused by validation, all processes (ms)",
                run -> decimal(run.floor().perRequest())));
        lines.add(across(runs, "  of it gateway / booking-service", run -> decimal(run.floor().perRequest("gateway")) + " / "
                + decimal(run.floor().perRequest("booking-service"))));
        lines.add(across(runs, "one at a time, POST to decision p50 / p99",
                run -> ms(percentile(run.oneAtATime(), 50)) + " / " + ms(percentile(run.oneAtATime(), 99))));
        lines.add(across(runs, "availability, one branch, 14 days, p50 / p95",
                run -> ms(percentile(run.availability().branchFortnight(), 50)) + " / " + ms(percentile(run.availability().branchFortnight(), 95))));
        lines.add(across(runs, "availability, the chain, one day, p50 / p95",
                run -> ms(percentile(run.availability().chainDay(), 50)) + " / " + ms(percentile(run.availability().chainDay(), 95))));
        lines.add(across(runs, "idle, all processes (% of a core)", run -> percentOfCore(run.idle().values().stream().mapToLong(Long::longValue).sum())));
        lines.add(across(runs, "bookings stored", run -> String.format(Locale.ROOT, "%,d", run.stored())));
        lines.add(across(runs, "idle with more bookings stored (% of a core)",
                run -> percentOfCore(run.idleAtScale().values().stream().mapToLong(Long::longValue).sum())));
        lines.add(across(runs, "bookings stored then", run -> String.format(Locale.ROOT, "%,d", run.storedAtScale())));
        lines.add(across(runs, "relay ceiling, records/s", run -> rate(run.ceiling().perSecond())));
        lines.add(across(runs, "platform / relay, decisions/s", run -> String.format(Locale.ROOT, "%.2f %%",
                100 * run.burstRate() / run.ceiling().perSecond())));
        return String.join(System.lineSeparator(), lines);
    }

    private static String across(List<Run> runs, String measure, Function<Run, String> cell) {
        return row(Stream.concat(Stream.of(measure), runs.stream().map(cell)).toArray(String[]::new));
    }

    private static String table(Run run) {
        Burst first = run.first();
        Burst second = run.second();
        List<Long> oneAtATime = run.oneAtATime();
        Relay.Result ceiling = run.ceiling();
        List<String> lines = new ArrayList<>();
        lines.add("## " + run.setup().label() + (run.setup().launcherOptions().isEmpty() ? ""
                : " (`" + String.join(" ", run.setup().launcherOptions()) + "`)"));
        lines.add("");
        lines.add("### Bursts of " + BURST + " bookings (3 branches, " + DAYS + " days, " + CLIENT_THREADS + " client threads), and "
                + OFFERED_PER_SECOND + " bookings/s offered for " + OFFERED_FOR.toSeconds() + " s");
        lines.add("");
        lines.add("| measure | burst 1 | burst 2 | offered |");
        lines.add("|---|---:|---:|---:|");
        List<Burst> loads = List.of(first, second, run.offered());
        lines.add(each(loads, "decisions/s", burst -> rate(burst.decisionsPerSecond())));
        lines.add(each(loads, "first POST to last decision", burst -> seconds(burst.wallNanos())));
        lines.add(each(loads, "store commands per decided booking", burst -> String.format(Locale.ROOT, "%.1f", burst.storeCommandsPerBooking())));
        for (int p : new int[] {50, 90, 99, 100}) {
            lines.add(each(loads, p == 100 ? "POST to decision, max" : "POST to decision, p" + p, burst -> ms(percentile(burst.decisionNanos(), p))));
        }
        lines.add(each(loads, "POST answered (202), p50", burst -> ms(percentile(burst.postNanos(), 50))));
        lines.add(each(loads, "POST answered (202), p99", burst -> ms(percentile(burst.postNanos(), 99))));
        lines.add(each(loads, "decisions", DecisionBenchmark::outcomes));
        lines.add(each(loads, "customers notified", burst -> burst.notified() + " of " + burst.count()));
        lines.add(each(loads, "POSTs sent again after a 429", burst -> Integer.toString(burst.throttled())));
        lines.add("");
        lines.add("### CPU per decided booking (ms; POST until every customer was notified)");
        lines.add("");
        lines.add("| process | burst 1 | burst 2 | offered |");
        lines.add("|---|---:|---:|---:|");
        for (String process : run.processes()) {
            lines.add(each(loads, process, burst -> decimal(burst.cpuPerBooking(process))));
        }
        lines.add(each(loads, "**all processes**", burst -> "**" + decimal(burst.totalCpuPerBooking()) + "**"));
        lines.add(each(loads, "of it, the JIT compilers", burst -> decimal(burst.compilerCpuPerBooking())));
        lines.add("");
        Floor floor = run.floor();
        lines.add("### The floor: " + floor.count() + " booking requests refused by validation (a start in the past), "
                + OFFERED_PER_SECOND + " a second: nothing stored, nothing published");
        lines.add("");
        lines.add("| process | CPU per refused request (ms) | of it, as idle (ms) | CPU per booking, offered (ms) | floor / booking |");
        lines.add("|---|---:|---:|---:|---:|");
        double idleInFloor = 0;
        for (String process : run.processes()) {
            double booking = run.offered().cpuPerBooking(process);
            double idle = floor.idlePerRequest(run.idle().get(process), IDLE);
            idleInFloor += idle;
            lines.add(row(process, decimal(floor.perRequest(process)), decimal(idle), decimal(booking),
                    booking < 0.5 ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * floor.perRequest(process) / booking)));
        }
        lines.add(row("**all processes**", "**" + decimal(floor.perRequest()) + "**", decimal(idleInFloor),
                "**" + decimal(run.offered().totalCpuPerBooking()) + "**",
                String.format(Locale.ROOT, "%.0f %%", 100 * floor.perRequest() / run.offered().totalCpuPerBooking())));
        lines.add(row("answered 400", floor.refused() + " of " + floor.count(), "", "", ""));
        lines.add("");
        if (!run.warmUp().isEmpty()) {
            lines.add("### Warm-up, burst by burst: CPU per decided booking (ms), of it the JIT compilers' in brackets");
            lines.add("");
            lines.add("| burst | decisions | decisions/s | all processes | " + String.join(" | ", run.processes()) + " |");
            lines.add("|---|---|---:|---:|" + "---:|".repeat(run.processes().size()));
            for (int n = 0; n < run.warmUp().size(); n++) {
                Burst burst = run.warmUp().get(n);
                List<String> cells = new ArrayList<>(List.of(Integer.toString(n + 1), outcomes(burst), rate(burst.decisionsPerSecond()),
                        decimal(burst.totalCpuPerBooking()) + " (" + decimal(burst.compilerCpuPerBooking()) + ")"));
                for (String process : run.processes()) {
                    cells.add(decimal(burst.cpuPerBooking(process)) + " (" + decimal(burst.compilerCpuPerBooking(process)) + ")");
                }
                lines.add(row(cells.toArray(String[]::new)));
            }
            lines.add("");
        }
        lines.add("### One booking at a time (" + oneAtATime.size() + " sequential), and availability through the gateway ("
                + AVAILABILITY_QUERIES + " queries each)");
        lines.add("");
        lines.add("| measure | p50 | p95 | p99 |");
        lines.add("|---|---:|---:|---:|");
        lines.add(row("one at a time, POST to decision", ms(percentile(oneAtATime, 50)), ms(percentile(oneAtATime, 95)),
                ms(percentile(oneAtATime, 99))));
        Availability availability = run.availability();
        lines.add(row("availability, liverpool, 14 days", ms(percentile(availability.branchFortnight(), 50)),
                ms(percentile(availability.branchFortnight(), 95)), ms(percentile(availability.branchFortnight(), 99))));
        lines.add(row("availability, the chain (" + availability.branches() + " branches offered), one day",
                ms(percentile(availability.chainDay(), 50)), ms(percentile(availability.chainDay(), 95)), ms(percentile(availability.chainDay(), 99))));
        lines.add("");
        lines.add("### Idle for " + IDLE.toSeconds() + " s once the load settled, with " + String.format(Locale.ROOT, "%,d", run.stored())
                + " and then " + String.format(Locale.ROOT, "%,d", run.storedAtScale()) + " bookings stored"
                + (SETTLE_AT_SCALE.isZero() ? "" : " (" + SETTLE_AT_SCALE.toSeconds() + " s after they were)"));
        lines.add("");
        lines.add("| process | % of one core | with more stored |");
        lines.add("|---|---:|---:|");
        long idleTotal = 0;
        long idleAtScaleTotal = 0;
        for (String process : run.processes()) {
            lines.add(row(process, percentOfCore(run.idle().get(process)), percentOfCore(run.idleAtScale().get(process))));
            idleTotal += run.idle().get(process);
            idleAtScaleTotal += run.idleAtScale().get(process);
        }
        lines.add(row("**all processes**", "**" + percentOfCore(idleTotal) + "**", "**" + percentOfCore(idleAtScaleTotal) + "**"));
        lines.add("");
        lines.add("### The ceiling: " + ceiling.delivered() + " records of " + ceiling.valueBytes()
                + " bytes through three hops on the same broker (plain clients)");
        lines.add("");
        double platformRate = run.burstRate();
        lines.add("| measure | relay | platform (mean of the bursts) | platform / relay |");
        lines.add("|---|---:|---:|---:|");
        lines.add(row("records or decisions/s", rate(ceiling.perSecond()), rate(platformRate),
                String.format(Locale.ROOT, "%.4f (%.2f %%)", platformRate / ceiling.perSecond(), 100 * platformRate / ceiling.perSecond())));
        long platformP50 = (percentile(first.decisionNanos(), 50) + percentile(second.decisionNanos(), 50)) / 2;
        long platformP99 = (percentile(first.decisionNanos(), 99) + percentile(second.decisionNanos(), 99)) / 2;
        lines.add(row("burst, end to end p50", ms(percentile(ceiling.latencies(), 50)), ms(platformP50),
                times(platformP50, percentile(ceiling.latencies(), 50))));
        lines.add(row("burst, end to end p99", ms(percentile(ceiling.latencies(), 99)), ms(platformP99),
                times(platformP99, percentile(ceiling.latencies(), 99))));
        lines.add(row("one at a time, p50", ms(percentile(ceiling.oneAtATime(), 50)), ms(percentile(oneAtATime, 50)),
                times(percentile(oneAtATime, 50), percentile(ceiling.oneAtATime(), 50))));
        lines.add(row("one at a time, p99", ms(percentile(ceiling.oneAtATime(), 99)), ms(percentile(oneAtATime, 99)),
                times(percentile(oneAtATime, 99), percentile(ceiling.oneAtATime(), 99))));
        lines.add(row("CPU per record, broker", decimal(ceiling.cpuMillis().get("broker") / (double) ceiling.delivered()) + " ms",
                decimal(run.cpuPerBooking("broker")) + " ms", ""));
        lines.add(row("CPU per record, clients (relay: one JVM)",
                decimal(ceiling.cpuMillis().get("benchmark client (relay threads)") / (double) ceiling.delivered()) + " ms",
                decimal(run.cpuPerBooking() - run.cpuPerBooking("broker")) + " ms (all other processes)", ""));
        if (!run.profiled().isEmpty()) {
            lines.add("");
            run.profiled().forEach(line -> lines.add("- " + line));
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String each(List<Burst> loads, String measure, Function<Burst, String> cell) {
        return row(Stream.concat(Stream.of(measure), loads.stream().map(cell)).toArray(String[]::new));
    }

    private static String outcomes(Burst burst) {
        List<String> parts = new ArrayList<>();
        burst.outcomes().forEach((outcome, n) -> parts.add(n + " " + outcome));
        if (burst.undecided() > 0) {
            parts.add(burst.undecided() + " undecided");
        }
        return String.join(", ", parts);
    }

    static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)));
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String ms(long nanos) {
        double millis = nanos / 1e6;
        return millis < 100 ? String.format(Locale.ROOT, "%.1f ms", millis) : String.format(Locale.ROOT, "%,d ms", Math.round(millis));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String times(long platform, long relay) {
        return relay == 0 ? "" : String.format(Locale.ROOT, "%,.0f×", platform / (double) relay);
    }

    private static String percentOfCore(long cpuMillis) {
        return String.format(Locale.ROOT, "%.1f %%", cpuMillis * 100.0 / IDLE.toMillis());
    }
}
