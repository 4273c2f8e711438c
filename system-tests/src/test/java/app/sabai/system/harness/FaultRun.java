package app.sabai.system.harness;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
                return run.loadAndCount(started);
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
        Ledger ledger = new Ledger(platform);
        if (!ledger.awaitSettled(Duration.ofSeconds(5), PATIENCE)) {
            throw new IllegalStateException("The platform did not settle after its start");
        }
        Set<String> accepted = new HashSet<>(ledger.storedBookings());
        note(accepted.size() + " demo bookings stored before the load");
        load = new SteadyLoad(new Gateway(platform.gatewayUrl()), scenario.bookings(), scenario.perSecond(), 5, 4, 12).start();
        for (FaultScenario.Step step : scenario.steps().stream().sorted(Comparator.comparingInt(FaultScenario.Step::afterSent)).toList()) {
            load.awaitSent(step.afterSent());
            step.action().apply(this);
        }
        SteadyLoad.Outcome outcome = load.finish();
        loadFinished = true;
        note("every booking answered (" + outcome.resent() + " sends repeated)");
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

    private static String upToExamples(String problem) {
        int examples = problem.indexOf(':');
        return examples < 0 ? problem : problem.substring(0, examples);
    }
}
