package app.sabai.system.harness;

import app.sabai.infra.launcher.Readiness;
import app.sabai.infra.launcher.ReadinessProbe;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Faults injected into a running {@link Platform}, one named child at a time ({@code broker}, {@code store},
 * {@code booking-service}, {@code therapist-service-2}, …): {@code kill -9}, {@code SIGSTOP}/{@code SIGCONT}, and a
 * restart from the exact command line the launcher wrote to {@code <data>/run/<name>.command}, with the environment the
 * child had, on the same ports and data. The launcher does not restart a child that died; this does, and the restarted
 * process is this JVM's own child: {@link #close()} kills it (before the platform is thrown away), as does a shutdown
 * hook if the test JVM ends first.
 */
public final class Faults implements AutoCloseable {

    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Platform platform;
    private final Path run;
    /** What each child was started with, read while it still ran: the environment is not in the .command file. */
    private final Map<String, Child> children = new LinkedHashMap<>();
    private final List<Process> restarted = new ArrayList<>();
    private final Thread onExit = new Thread(this::killRestarted, "faults-discard");

    private record Child(List<String> command, Map<String, String> environment, Readiness readiness) {
    }

    public Faults(Platform platform) {
        this.platform = platform;
        this.run = platform.dataDirectory().resolve("run");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** SIGKILL to the child's JVM: no shutdown hook, no graceful stop, no flush. Returns once it is gone. */
    public synchronized void kill9(String name) {
        ProcessHandle jvm = jvm(name);
        remember(name, jvm);
        List<ProcessHandle> family = new ArrayList<>(jvm.descendants().toList());
        family.add(jvm);
        signal("KILL", jvm.pid());
        family.forEach(ProcessHandle::destroyForcibly);
        try {
            jvm.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " (pid " + jvm.pid() + ") did not die on SIGKILL", e);
        }
    }

    /**
     * SIGTERM, as an operator stops a service: it finishes what it holds, its consumers leave their groups at once, and
     * it exits. Returns once it is gone.
     */
    public synchronized void stop(String name) {
        ProcessHandle jvm = jvm(name);
        remember(name, jvm);
        signal("TERM", jvm.pid());
        try {
            jvm.onExit().get(RESTART_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " (pid " + jvm.pid() + ") did not stop on SIGTERM", e);
        }
    }

    /** SIGSTOP: the JVM holds its sockets and sessions but answers nothing until {@link #resume}. */
    public synchronized void pause(String name) {
        signal("STOP", jvm(name).pid());
    }

    public synchronized void resume(String name) {
        signal("CONT", jvm(name).pid());
    }

    /**
     * Starts a child that was killed again, exactly as the launcher had started it, and returns once it is ready by the
     * launcher's own rule (the broker answers, the store accepts connections, a service's health is UP, with as many
     * branches in its catalogue as it had before). Later faults aimed at the name hit the new process.
     */
    public synchronized void restart(String name) {
        restart(name, List.of());
    }

    /**
     * As {@link #restart(String)}, with JVM options added to the child's own (system properties, for example). Later
     * restarts of the child keep them: it runs on as it was last started.
     */
    public synchronized void restart(String name, List<String> jvmOptions) {
        Child known = children.get(name);
        if (known == null) {
            throw new IllegalStateException("Nothing known of how " + name + " ran: restart only what this killed");
        }
        Child child = jvmOptions.isEmpty() ? known
                : new Child(withJvmOptions(known.command(), jvmOptions), known.environment(), known.readiness());
        children.put(name, child);
        if (pidOf(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent()) {
            throw new IllegalStateException(name + " is still running");
        }
        try {
            Path log = platform.dataDirectory().resolve("logs").resolve(name + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(child.command())
                    .directory(Path.of(System.getProperty("sabai.home", "..")).toAbsolutePath().normalize().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(child.environment());
            Process process = builder.start();
            process.getOutputStream().close();
            restarted.add(process);
            Files.writeString(run.resolve(name + ".pid"), Long.toString(process.pid()));
            try (ReadinessProbe probe = new ReadinessProbe()) {
                await().atMost(RESTART_TIMEOUT).pollInterval(Duration.ofMillis(250))
                        .until(() -> probe.isReady(child.readiness()) || !process.isAlive());
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited on restart with " + process.exitValue() + "; see " + log);
            }
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " was not ready within " + RESTART_TIMEOUT + " of its restart", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills what this restarted; the platform's own discard knows only the launcher's descendants. */
    @Override
    public synchronized void close() {
        killRestarted();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it does the same.
        }
    }

    private void killRestarted() {
        for (Process process : restarted) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : restarted) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<String> withJvmOptions(List<String> command, List<String> jvmOptions) {
        List<String> changed = new ArrayList<>(command);
        int java = 0;
        while (java < changed.size() && !(changed.get(java).endsWith("/java") || changed.get(java).equals("java"))) {
            java++;
        }
        if (java == changed.size()) {
            throw new IllegalStateException("No java in " + command);
        }
        changed.addAll(java + 1, jvmOptions);
        return changed;
    }

    /** The first time a child is aimed at, how it runs is read, so that it can be started again the same way. */
    private void remember(String name, ProcessHandle jvm) {
        if (children.containsKey(name)) {
            return;
        }
        try {
            List<String> command = Files.readAllLines(run.resolve(name + ".command"));
            children.put(name, new Child(command, environment(jvm.pid()), readiness(command)));
        } catch (IOException e) {
            throw new UncheckedIOException("No command line for " + name + " in " + run, e);
        }
    }

    /**
     * The launcher's rule for the child, read off its command line: {@code --server.port=} for a service (and, when its
     * health reports a catalogue, at least as many branches as it reports now), {@code broker --port} and
     * {@code store --port} for the infrastructure.
     */
    private static Readiness readiness(List<String> command) {
        for (String argument : command) {
            if (argument.startsWith("--server.port=")) {
                URI health = URI.create("http://localhost:" + argument.substring("--server.port=".length()) + "/actuator/health");
                return new Readiness.HealthUp(health, catalogueBranches(health));
            }
        }
        int port = Integer.parseInt(command.get(command.indexOf("--port") + 1));
        return command.contains("broker") ? new Readiness.KafkaAnswers("localhost:" + port) : new Readiness.AcceptsConnections(port);
    }

    private static int catalogueBranches(URI health) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode branches = JSON.readTree(response.body()).path("components").path("catalogue").path("details").path("branches");
            return branches.isNumber() ? branches.asInt() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Map<String, String> environment(long pid) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8)
                .split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    private Optional<Long> pidOf(String name) {
        return platform.pid(name);
    }

    /** The child's JVM: the process in its pid file, or the java process below it when {@code setsid} had to fork. */
    private ProcessHandle jvm(String name) {
        ProcessHandle started = pidOf(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
        if (isJava(started)) {
            return started;
        }
        return started.descendants().filter(Faults::isJava).findFirst().orElse(started);
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/java") || command.equals("java")).orElse(false);
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
