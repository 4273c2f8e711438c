package app.sabai.infra.launcher;

import app.sabai.infra.Ports;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sabai run}: checks, then starts the mailbox, the broker, the store and identity, then the services and the
 * gateway, waits until all are ready, prints where everything is, and stops it all in order on Ctrl-C.
 */
public final class Launcher {

    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXTERNAL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;

    /** ABANDONED: another child failed first; CANCELLED: the user asked to stop. */
    private enum Outcome { READY, EXITED, TIMED_OUT, ABANDONED, CANCELLED }

    private final LaunchOptions options;
    private final Artifacts artifacts;
    private final PrintStream out;
    private final Path logs;
    private final RunFolder run;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private final Map<String, ChildProcess> children = new LinkedHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean ready;
    private DevMailbox mailbox;
    private StartupCache cache;

    public Launcher(LaunchOptions options, PrintStream out) {
        this.options = options;
        this.artifacts = Artifacts.of(options.home());
        this.out = out;
        this.logs = options.data().resolve("logs");
        this.run = new RunFolder(options.data().resolve("run"), options.readyFile());
    }

    /** Runs until stopped; the exit code: 0 after a clean stop, 1 when the platform could not start. */
    public int run() {
        // The JVM's own start: ./sabai execs the launcher in its process, whose start would count the build too.
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        List<String> problems = Preflight.problems(options, artifacts, new Preflight.Environment(
                Runtime.version().feature(), Executables.currentJava(),
                port -> Ports.inUse("localhost", port), Files::exists, run.runningLauncher()));
        if (!problems.isEmpty()) {
            out.println("Sabai cannot start:");
            problems.forEach(problem -> out.println("  - " + problem));
            return 1;
        }

        run.claim();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "sabai-stop"));
        if (!StopSignals.install(this::onStopSignal)) {
            out.println("(This JVM cannot catch Ctrl-C; the platform is still stopped in order when it exits.)");
        }

        out.println("Starting Sabai from " + options.home() + " (data in " + options.data() + ")");
        boolean up = startPlatform();
        if (up) {
            reportReady(Duration.between(started, Instant.now()));
            awaitStopRequest();
        }
        stopEverything();
        return up || signals.get() > 0 ? 0 : 1;
    }

    private boolean startPlatform() {
        try {
            mailbox = DevMailbox.start(options.port(PortOption.SMTP), options.port(PortOption.IMAP), options.data().resolve("mail"));
            progress("mailbox", "smtp://localhost:" + options.port(PortOption.SMTP), "ready");
        } catch (RuntimeException e) {
            out.println("The development mailbox could not start: " + e.getMessage());
            return false;
        }
        StartupCache.removeFromDataFolder(options.data(), problem -> out.println("  " + problem));
        cache = new StartupCache(artifacts.startCache());
        List<Path> jars = new ArrayList<>();
        if (options.startsBroker() || options.startsStore()) {
            jars.add(artifacts.infraExecJar());
        }
        jars.add(artifacts.jar(Artifacts.IDENTITY));
        Artifacts.SERVICES.forEach(service -> jars.add(artifacts.jar(service)));
        jars.add(artifacts.jar(Artifacts.GATEWAY));
        cache.prepare(jars, problem -> out.println("  " + problem));
        PlatformPlan plan = PlatformPlan.of(options, artifacts, Executables.currentJava(), Executables.onPath("setsid"),
                ProcessHandle.current().pid(), cache);
        if (!options.startsBroker()) {
            if (!externalKafkaAnswers()) {
                out.println("\nThe Kafka broker at " + options.kafkaBootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS) does not answer."
                        + " Start it, or unset KAFKA_BOOTSTRAP_SERVERS to use the embedded broker.");
                return false;
            }
            progress("broker", options.kafkaBootstrapServers(), "external (KAFKA_BOOTSTRAP_SERVERS), answers");
        }
        if (!options.startsStore()) {
            progress("store", options.mongoUri(), "external (MONGODB_URI)");
        }
        if (!startAndAwait(plan.infrastructure(), INFRASTRUCTURE_TIMEOUT)) {
            return false;
        }
        List<ChildSpec> applications = new ArrayList<>(plan.services());
        applications.add(plan.gateway());
        return startAndAwait(applications, options.startTimeout());
    }

    private boolean externalKafkaAnswers() {
        long deadline = System.nanoTime() + EXTERNAL_TIMEOUT.toNanos();
        try (ReadinessProbe probe = new ReadinessProbe()) {
            Readiness kafka = new Readiness.KafkaAnswers(options.kafkaBootstrapServers());
            while (System.nanoTime() < deadline) {
                if (probe.isReady(kafka)) {
                    return true;
                }
                if (stopRequested.await(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts these children together and waits until each is ready; false (after saying why) when one is not. */
    private boolean startAndAwait(List<ChildSpec> specs, Duration timeout) {
        if (specs.isEmpty()) {
            return true;
        }
        Map<ChildSpec, ChildProcess> started = new LinkedHashMap<>();
        for (ChildSpec spec : specs) {
            if (stopRequested.getCount() == 0) {
                return false;
            }
            ChildProcess child = ChildProcess.start(spec.name(), spec.command(), spec.environment(), options.home(), logs, run.path());
            run.writeCommand(spec);
            synchronized (children) {
                children.put(spec.name(), child);
            }
            child.onExit().thenAccept(this::onChildExit);
            started.put(spec, child);
        }

        long startedAt = System.nanoTime();
        long deadline = startedAt + timeout.toNanos();
        AtomicBoolean giveUp = new AtomicBoolean();
        Map<ChildSpec, CompletableFuture<Outcome>> waits = new LinkedHashMap<>();
        try (ReadinessProbe probe = new ReadinessProbe()) {
            started.forEach((spec, child) -> waits.put(spec, CompletableFuture.supplyAsync(() -> {
                Outcome outcome = awaitReady(spec, child, probe, deadline, giveUp);
                if (outcome == Outcome.READY) {
                    progress(spec.name(), spec.address(), String.format(Locale.ROOT, "ready in %.1f s (pid %d)",
                            (System.nanoTime() - startedAt) / 1e9, child.pid()));
                } else {
                    giveUp.set(true);
                }
                return outcome;
            }, runnable -> Thread.ofPlatform().daemon().name("await-" + spec.name()).start(runnable))));

            boolean allReady = true;
            for (Map.Entry<ChildSpec, CompletableFuture<Outcome>> wait : waits.entrySet()) {
                Outcome outcome = wait.getValue().join();
                ChildProcess child = started.get(wait.getKey());
                switch (outcome) {
                    case READY, CANCELLED -> {
                    }
                    case EXITED -> explainFailure(child, child.name() + " exited during its start (exit code " + child.exitValue() + ").",
                            LOG_TAIL_LINES);
                    case TIMED_OUT -> explainFailure(child, child.name() + " was not ready within " + timeout.toSeconds()
                            + " s (" + readinessRule(wait.getKey().readiness()) + ").", LOG_TAIL_LINES);
                    case ABANDONED -> explainFailure(child, child.name() + " was not ready yet either.", LOG_TAIL_LINES / 4);
                }
                allReady &= outcome == Outcome.READY;
            }
            return allReady;
        }
    }

    private Outcome awaitReady(ChildSpec spec, ChildProcess child, ReadinessProbe probe, long deadline, AtomicBoolean giveUp) {
        while (true) {
            if (stopRequested.getCount() == 0) {
                return Outcome.CANCELLED;
            }
            if (giveUp.get()) {
                return Outcome.ABANDONED;
            }
            if (!child.isAlive()) {
                return Outcome.EXITED;
            }
            if (probe.isReady(spec.readiness())) {
                return Outcome.READY;
            }
            if (System.nanoTime() > deadline) {
                return Outcome.TIMED_OUT;
            }
            try {
                if (stopRequested.await(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Outcome.CANCELLED;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.CANCELLED;
            }
        }
    }

    private static String readinessRule(Readiness readiness) {
        return switch (readiness) {
            case Readiness.KafkaAnswers kafka -> "no answer from the broker at " + kafka.bootstrapServers();
            case Readiness.AcceptsConnections tcp -> "nothing accepted connections on port " + tcp.port();
            case Readiness.HealthUp health -> health.minCatalogueBranches() > 0
                    ? health.health() + " was not UP with at least " + health.minCatalogueBranches() + " demo branches in its catalogue"
                    : health.health() + " was not UP";
        };
    }

    private void explainFailure(ChildProcess child, String what, int lines) {
        StringBuilder text = new StringBuilder("\n").append(what).append(" The last ").append(lines)
                .append(" lines of ").append(child.logFile()).append(" (stack traces shortened):\n");
        LogTail.last(child.logFile(), lines).forEach(line -> text.append("  | ").append(line).append('\n'));
        out.print(text);
    }

    private void onChildExit(ChildProcess child) {
        if (!ready || child.stopping() || stopped.get()) {
            return;
        }
        explainFailure(child, child.name() + " stopped unexpectedly (exit code " + child.exitValue()
                + "). The rest of the platform keeps running; restart Sabai to bring it back.", LOG_TAIL_LINES);
    }

    private void reportReady(Duration took) {
        ready = true;
        Map<String, Long> memory = new LinkedHashMap<>();
        synchronized (children) {
            children.forEach((name, child) -> ResidentMemory.ofProcess(child.pid()).ifPresent(bytes -> memory.put(name, bytes)));
        }
        OptionalLong launcher = ResidentMemory.ofProcess(ProcessHandle.current().pid());
        launcher.ifPresent(bytes -> memory.put("launcher", bytes));
        ReadyReport.Facts facts = new ReadyReport.Facts(options, took, memory, options.data().resolve("mail"),
                LocalDate.now(ZoneId.of("Europe/London")).plusDays(1), UUID.randomUUID());
        out.println();
        out.print(ReadyReport.render(facts));
        try {
            run.markReady(options.gatewayUrl());
        } catch (IOException e) {
            out.println("Could not write the ready file " + options.readyFile() + ": " + e.getMessage());
        }
    }

    private void awaitStopRequest() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onStopSignal() {
        if (signals.incrementAndGet() == 1) {
            out.println("\nStopping Sabai (press Ctrl-C again to kill everything at once)...");
            stopRequested.countDown();
            return;
        }
        out.println("\nKilling every process of the platform.");
        synchronized (children) {
            children.values().forEach(ChildProcess::kill);
        }
        run.release();
        Runtime.getRuntime().halt(130);
    }

    /** Gateway first, then the services, identity, the store and last the broker; safe to call more than once. */
    private void stopEverything() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        stopRequested.countDown();
        run.markNotReady();
        List<List<ChildProcess>> stages = new ArrayList<>();
        synchronized (children) {
            stage(stages, Artifacts.GATEWAY);
            stage(stages, Artifacts.SERVICES.toArray(String[]::new));
            stage(stages, Artifacts.IDENTITY);
            stage(stages, PlatformPlan.STORE);
            stage(stages, PlatformPlan.BROKER);
        }
        StopSequence.stop(stages, STOP_GRACE, stoppedChild -> progress(stoppedChild.name(), "", switch (stoppedChild.ending()) {
            case STOPPED -> "stopped";
            case KILLED -> "killed (it did not stop within " + STOP_GRACE.toSeconds() + " s)";
            case ALREADY_GONE -> "was already gone";
        }));
        if (mailbox != null) {
            mailbox.close();
        }
        if (cache != null) {
            cache.close();
        }
        run.release();
        out.println("stopped");
        out.flush();
    }

    private void stage(List<List<ChildProcess>> stages, String... names) {
        List<ChildProcess> stage = new ArrayList<>();
        for (String name : names) {
            ChildProcess child = children.get(name);
            if (child != null) {
                stage.add(child);
            }
        }
        if (!stage.isEmpty()) {
            stages.add(stage);
        }
    }

    private void progress(String name, String address, String state) {
        out.println(String.format(Locale.ROOT, "  %-21s %-26s %s", name, address, state));
    }
}
