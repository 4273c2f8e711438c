package app.sabai.system.harness;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs one {@link FaultScenario} on a platform of its own: waits until the demo bookings have settled, starts the steady
 * load, does each step when the load has sent its count, waits for every request to be answered, lets the platform
 * settle and counts ({@link Ledger}, {@link Accounting}). The steps act through this class, which notes each on the
 * {@link Timeline}. The report goes to {@code target/reliability/<scenario>.txt}; on a failure the platform's logs are
 * kept beside it.
 */
public final class FaultRun {

    /** Every topic a service reads: each gets a poison record in {@link #poisonEveryTopic()}. */
    public static final List<String> TOPICS = List.of("sabai.bookings", "sabai.assignments", "sabai.notifications", "sabai.branches");
    private static final Path REPORTS = Path.of("target", "reliability");
    /** How long a promise that looks broken is counted again (what is late shows as kept; see {@link Ledger}). */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** A scenario that breaks a promise on purpose waits only this long for the evidence to arrive. */
    private static final Duration PATIENCE_WHEN_BROKEN_ON_PURPOSE = Duration.ofSeconds(30);
    /** The load books from this many days ahead, so that no reminder of the shipped lead times falls due during a run. */
    private static final int FIRST_DAY = 5;
    /** The first reminder falls due this long after notification-service is told its lead times, the others 5 s apart. */
    private static final Duration REMINDERS_FROM = Duration.ofSeconds(90);
    /** The first sessions at each branch whose reminders fall due during the load. */
    private static final int REMINDED_SLOTS = 3;

    private final FaultScenario scenario;
    private final Platform platform;
    private final Faults faults;
    private final Topics topics;
    private final Timeline timeline = new Timeline();
    private final Set<String> planted = ConcurrentHashMap.newKeySet();
    private SteadyLoad load;
    private boolean loadFinished;

    /** What the clients saw and what the accounting counted, with how long the scenario took. */
    public record Result(FaultScenario scenario, SteadyLoad.Outcome outcome, Accounting.Report report, Duration took,
                         String timeline) {

        /** Each way the scenario failed: a client refused or given up, a promise broken, or a planted fault missed. */
        public List<String> failures() {
            List<String> failures = new ArrayList<>();
            if (!outcome.refused().isEmpty()) {
                failures.add(outcome.refused().size() + " requests refused for good: " + outcome.refused().getFirst());
            }
            if (outcome.givenUp() > 0) {
                failures.add(outcome.givenUp() + " requests the clients gave up on");
            }
            if (outcome.accepted().size() != scenario.bookings()) {
                failures.add(outcome.accepted().size() + " distinct ids answered 202 for " + scenario.bookings() + " bookings");
            }
            if (scenario.caught() == null) {
                failures.addAll(report.problems());
            } else if (report.problems().stream().noneMatch(problem -> problem.contains(scenario.caught()))) {
                failures.add("the accounting did not report \"" + scenario.caught() + "\" for a fault planted on purpose");
            }
            return failures;
        }

        /** The result in a few words, for the matrix's table. */
        public String verdict() {
            if (!failures().isEmpty()) {
                return "**failed**: " + String.join("; ", failures());
            }
            return scenario.caught() == null ? "every promise held" : "caught, as it must be: " + report.problems().stream()
                    .filter(problem -> problem.contains(scenario.caught())).findFirst().map(FaultRun::upToExamples).orElseThrow();
        }

        @Override
        public String toString() {
            return scenario.name() + ": " + scenario.description() + "\n" + timeline + report;
        }
    }

    private FaultRun(FaultScenario scenario, Platform platform, Faults faults) {
        this.scenario = scenario;
        this.platform = platform;
        this.faults = faults;
        this.topics = new Topics(platform.bootstrapServers());
    }

    public static Result run(FaultScenario scenario) throws Exception {
        // Two platforms on two cores would make this one's restarts and settling wait on the other.
        Platform.discardShared();
        long started = System.nanoTime();
        try (Platform platform = Platform.started(scenario.launcherOptions());
             Faults faults = new Faults(platform)) {
            FaultRun run = new FaultRun(scenario, platform, faults);
            try {
                Result result = run.loadAndCount(started);
                if (!result.failures().isEmpty()) {
                    platform.keepLogsIn(REPORTS.resolve(scenario.name() + "-logs"));
                }
                return result;
            } catch (Throwable failed) {
                platform.keepLogsIn(REPORTS.resolve(scenario.name() + "-logs"));
                throw failed;
            } finally {
                if (run.load != null) {
                    run.load.close();
                }
            }
        }
    }

    private Result loadAndCount(long started) throws Exception {
        Ledger ledger = new Ledger(platform, remindersDueDuringTheLoad());
        if (!ledger.awaitSettled(Duration.ofSeconds(5), PATIENCE)) {
            throw new IllegalStateException("The platform did not settle after its start");
        }
        Set<String> accepted = new HashSet<>(ledger.storedBookings());
        note(accepted.size() + " demo bookings stored before the load");
        load = new SteadyLoad(new Gateway(platform.gatewayUrl()), scenario.bookings(), scenario.perSecond(), FIRST_DAY, 4, 12).start();
        for (FaultScenario.Step step : scenario.steps().stream().sorted(Comparator.comparingInt(FaultScenario.Step::afterSent)).toList()) {
            load.awaitSent(step.afterSent());
            step.action().apply(this);
        }
        SteadyLoad.Outcome outcome = load.finish();
        loadFinished = true;
        note("every booking answered (" + outcome.resent() + " POSTs sent again)");
        accepted.addAll(outcome.accepted());
        Accounting.Report report = ledger.settleAndCount(accepted, planted,
                scenario.caught() == null ? PATIENCE : PATIENCE_WHEN_BROKEN_ON_PURPOSE);
        note("settled and counted");
        Result result = new Result(scenario, outcome, report, Duration.ofNanos(System.nanoTime() - started), timeline.toString());
        System.out.println(result);
        Files.createDirectories(REPORTS);
        Files.writeString(REPORTS.resolve(scenario.name() + ".txt"), result.toString());
        return result;
    }

    /**
     * Lead times chosen so that the reminders of the load's first sessions fall due while it runs: one for each of the
     * first {@value #REMINDED_SLOTS} sessions at each branch, due from {@link #REMINDERS_FROM} after now, 5 s apart.
     * Every notification-service is started again with them, and keeps them through later restarts. (A lead time also
     * gives every other booking a reminder, due hours or days away from the run.)
     */
    private List<Duration> remindersDueDuringTheLoad() {
        Instant firstDue = Instant.now().plus(REMINDERS_FROM);
        List<Instant> sessions = SteadyLoad.firstSessions(FIRST_DAY, REMINDED_SLOTS);
        List<Duration> leads = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            leads.add(Duration.between(firstDue.plusSeconds(5L * i), sessions.get(i)).truncatedTo(ChronoUnit.SECONDS));
        }
        String option = "-Dsabai.reminders.lead-times=" + leads.stream().map(Duration::toString).collect(Collectors.joining(","));
        for (int n = 1; n <= 4; n++) {
            String instance = n == 1 ? "notification-service" : "notification-service-" + n;
            if (platform.pid(instance).isPresent()) {
                faults.stop(instance);
                faults.restart(instance, List.of(option));
            }
        }
        note("notification-service started again with " + leads.size() + " lead times, their reminders due from "
                + REMINDERS_FROM.toSeconds() + " s on");
        return leads;
    }

    public void note(String what) {
        timeline.note(what + (load == null || loadFinished ? "" : " (" + load.sent() + " bookings sent)"));
    }

    /** {@code kill -9} of the named process, then started again at once, as its supervisor would. */
    public void killAndRestart(String name) {
        note("kill -9 " + name);
        faults.kill9(name);
        faults.restart(name);
        note(name + " ready again");
    }

    /** {@code SIGSTOP} for {@code pause}, then {@code SIGCONT}: the process holds its sockets and answers nothing. */
    public void pause(String name, Duration pause) throws InterruptedException {
        note("SIGSTOP " + name + " for " + pause.toSeconds() + " s");
        faults.pause(name);
        try {
            Thread.sleep(pause);
        } finally {
            faults.resume(name);
        }
        note("SIGCONT " + name);
    }

    /**
     * A disaster recovery's replay: the service is stopped, its consumer group moved back to the first record of every
     * topic it reads, and the service started again (with {@code jvmOptions} added), so that it reads its whole history
     * again while the load goes on.
     */
    public void replayFromTheStart(String service, List<String> jvmOptions) {
        faults.stop(service);
        long again = topics.rewind(service);
        if (again == 0) {
            throw new IllegalStateException(service + "'s group had nothing to read again: the replay would prove nothing");
        }
        faults.restart(service, jvmOptions);
        note(service + " stopped, its group rewound by " + again + " records, started again"
                + (jvmOptions.isEmpty() ? "" : " with " + String.join(" ", jvmOptions)));
    }

    /**
     * A record no service can read on each of {@link #TOPICS}, keyed {@code poison-<n>-<topic>}: every group that reads
     * the topic must send it to the topic's {@code -dlt} and go on. The accounting expects each there, and nothing else.
     */
    public void poisonEveryTopic() {
        for (String topic : TOPICS) {
            String key = "poison-" + planted.size() + "-" + topic;
            planted.add(key);
            topics.publish(new ProducerRecord<>(topic, key, "{\"eventId\": not json".getBytes(StandardCharsets.UTF_8)));
        }
        note("a poison record published on each of " + TOPICS);
    }

    /**
     * A dead letter sent back to its topic through the operations console's replay, as an administrator does once a
     * cause is mended. A poison record stays poison: it must land in the dead-letter topic again, and change nothing.
     */
    public void replayADeadLetter(String deadLetterTopic) {
        List<ConsumerRecord<String, byte[]>> letters = topics.read(deadLetterTopic, record -> planted.contains(record.key()), 1,
                Duration.ofMinutes(1));
        if (letters.isEmpty()) {
            throw new IllegalStateException("No planted record reached " + deadLetterTopic + " within a minute");
        }
        ConsumerRecord<String, byte[]> letter = letters.getFirst();
        Gateway.Response replayed = new Gateway(platform.gatewayUrl()).as("admin").post("/api/ops/dead-letters/" + letter.topic()
                + "/" + letter.partition() + "/" + letter.offset() + "/replay", "");
        if (replayed.status() != 200) {
            throw new IllegalStateException("The replay of " + letter.topic() + "/" + letter.partition() + "/" + letter.offset()
                    + " was answered " + replayed.status() + ": " + replayed.raw());
        }
        note("dead letter " + letter.key() + " replayed from " + letter.topic() + " to " + replayed.body().path("topic").asString());
    }

    /**
     * Staff at work while the load goes on, as admin through the gateway: of the bookings confirmed so far, {@code each}
     * are cancelled, {@code each} asked to move to the same time a day later, {@code each} given the best other
     * therapist, and the therapist of one more is recorded absent for that day, which re-plans every booking they hold
     * on it. A refusal (the later time taken, nobody else free) is an answer like any other; a request that gets none, or
     * a 5xx, is sent again, under the same Idempotency-Key where the API takes one.
     */
    public void staffOperations(int each) {
        Gateway admin = new Gateway(platform.gatewayUrl()).as("admin");
        List<JsonNode> confirmed = load.acceptedSoFar().stream().sorted().map(admin::booking)
                .filter(booking -> booking.path("status").asString().equals("CONFIRMED")).limit(3L * each + 1).toList();
        if (confirmed.size() < 3 * each + 1) {
            throw new IllegalStateException("Only " + confirmed.size() + " bookings confirmed so far: too few for staff to work on");
        }
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < each; i++) {
            JsonNode cancelled = confirmed.get(i);
            answer(answers, "cancellation", admin, "/api/bookings/" + cancelled.path("id").asString() + "/cancellation",
                    "{\"reason\": \"Plans changed\"}", true);
            JsonNode moved = confirmed.get(each + i);
            LocalDateTime dayLater = LocalDateTime.parse(moved.path("startLocal").asString()).plusDays(1);
            answer(answers, "reschedule", admin, "/api/bookings/" + moved.path("id").asString() + "/reschedule",
                    "{\"startLocal\": \"" + dayLater + "\"}", true);
            JsonNode reassigned = confirmed.get(2 * each + i);
            answer(answers, "reassignment", admin, "/api/branches/" + reassigned.path("branchId").asString() + "/bookings/"
                    + reassigned.path("id").asString() + "/reassignment", "{\"reason\": \"Staff moved it\"}", false);
        }
        JsonNode sick = confirmed.get(3 * each);
        String day = LocalDateTime.parse(sick.path("startLocal").asString()).toLocalDate().toString();
        answer(answers, "absence", admin, "/api/branches/" + sick.path("branchId").asString() + "/therapists/"
                        + sick.path("therapist").path("id").asString() + "/absences",
                "{\"from\": \"" + day + "\", \"to\": \"" + day + "\", \"reason\": \"SICK\", \"note\": \"Off for the day\"}", false);
        note("staff: " + answers);
    }

    /** Sends until answered below 500; counts the answer by kind and status. */
    private static void answer(Map<String, Integer> answers, String kind, Gateway gateway, String path, String body, boolean keyed) {
        Map<String, String> headers = keyed ? Map.of("Idempotency-Key", UUID.randomUUID().toString()) : Map.of();
        for (int attempt = 1; attempt <= 20; attempt++) {
            try {
                Gateway.Response response = gateway.post(path, body, headers);
                if (response.status() < 500) {
                    answers.merge(kind + " " + response.status(), 1, Integer::sum);
                    return;
                }
            } catch (RuntimeException unanswered) {
                // Sent again below.
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        answers.merge(kind + " unanswered", 1, Integer::sum);
    }

    private static String upToExamples(String problem) {
        int examples = problem.indexOf(':');
        return examples < 0 ? problem : problem.substring(0, examples);
    }
}
