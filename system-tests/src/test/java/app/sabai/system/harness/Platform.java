package app.sabai.system.harness;

import app.sabai.infra.Ports;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The whole platform, started once per test JVM exactly as a user starts it: the launcher from the
 * built {@code infra} jar, with the broker, the store and every service as separate processes, on free
 * ports and a fresh data folder. Tests reach it only through the gateway and Kafka.
 */
public final class Platform implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static Platform shared;

    private final Path home;
    private final Path data;
    private final Map<String, Integer> ports;
    private final List<String> launcherOptions;
    private Process launcher;

    private Platform(Path home, Path data, Map<String, Integer> ports, List<String> launcherOptions) {
        this.home = home;
        this.data = data;
        this.ports = ports;
        this.launcherOptions = List.copyOf(launcherOptions);
    }

    public static synchronized Platform shared() {
        if (shared == null) {
            shared = started(List.of());
        }
        return shared;
    }

    /**
     * Throws the shared platform away if one runs, for a test that wants the machine to itself (a platform of its own
     * under load and faults); the next {@link #shared()} starts a fresh one.
     */
    public static synchronized void discardShared() {
        if (shared != null) {
            shared.discard();
            shared = null;
        }
    }

    /**
     * A platform of its own, for a test that compares runs or changes how it is started ({@code --instances},
     * {@code --jvm-options}); {@link #close()} throws it away. Its own shutdown hook does the same if the test JVM ends first.
     */
    public static Platform started(List<String> launcherOptions) {
        Path home = Path.of(System.getProperty("sabai.home", "..")).toAbsolutePath().normalize();
        Platform platform;
        try {
            Path data = Files.createTempDirectory("sabai-system-test");
            platform = new Platform(home, data, Map.of(
                    "gateway", Ports.free(), "booking", Ports.free(), "therapist", Ports.free(),
                    "notification", Ports.free(), "identity", Ports.free(), "kafka", Ports.free(),
                    "kafka-controller", Ports.free(), "mongo", Ports.free(), "smtp", Ports.free()), launcherOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(platform::discard, "platform-discard"));
        platform.start();
        return platform;
    }

    @Override
    public void close() {
        discard();
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.get("gateway");
    }

    public String bootstrapServers() {
        return "localhost:" + ports.get("kafka");
    }

    public Path dataDirectory() {
        return data;
    }

    /** The pid of a child process the launcher started ({@code booking-service}, {@code broker}, …). */
    public Optional<Long> pid(String name) {
        Path file = data.resolve("run").resolve(name + ".pid");
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the launcher's and every child's log to {@code folder}: the data folder goes when the platform closes. */
    public void keepLogsIn(Path folder) {
        try {
            Files.createDirectories(folder);
            try (Stream<Path> logs = Stream.concat(Stream.of(data.resolve("launcher.log")), Files.list(data.resolve("logs")))) {
                for (Path log : logs.filter(Files::isRegularFile).toList()) {
                    Files.copy(log, folder.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops everything and starts it again on the same data folder. */
    public synchronized void restart() {
        stop();
        start();
    }

    private void start() {
        Path jar = home.resolve("infra/target/infra-" + System.getProperty("sabai.version", "0.1.0-SNAPSHOT") + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("The launcher is not built: " + jar + " (the reactor build packages it before system-tests)");
        }
        Path readyFile = data.resolve("system-test-ready");
        try {
            Files.deleteIfExists(readyFile);
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx96m", "-XX:+UseSerialGC",
                    "-jar", jar.toString(), "run",
                    "--home", home.toString(),
                    "--data", data.toString(),
                    "--ready-file", readyFile.toString(),
                    "--gateway-port", port("gateway"),
                    "--booking-port", port("booking"),
                    "--therapist-port", port("therapist"),
                    "--notification-port", port("notification"),
                    "--identity-port", port("identity"),
                    "--kafka-port", port("kafka"),
                    "--kafka-controller-port", port("kafka-controller"),
                    "--mongo-port", port("mongo"),
                    "--smtp-port", port("smtp")));
            command.addAll(launcherOptions);
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(data.resolve("launcher.log").toFile());
            builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
            builder.environment().remove("MONGODB_URI");
            launcher = builder.start();
            Process started = launcher;
            try {
                await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                        .until(() -> Files.exists(readyFile) || !started.isAlive());
            } catch (ConditionTimeoutException e) {
                stop();
                throw new IllegalStateException("The platform was not ready within " + START_TIMEOUT + ":\n" + launcherLog());
            }
            if (!started.isAlive()) {
                throw new IllegalStateException("The launcher exited with " + started.exitValue() + ":\n" + launcherLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void stop() {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        launcher.destroy();
        try {
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * At the end of the test JVM the platform and its data folder are thrown away: every process is killed, not stopped.
     * A graceful stop makes each JVM write its class-data archive first ({@code StartupCache}), which on two cores takes
     * longer than Surefire waits for a finishing test JVM; a graceful {@link #restart()} writes them for the build's later
     * platforms.
     * The children go before the launcher, whose death they would otherwise answer with a graceful stop of their own.
     */
    private synchronized void discard() {
        if (launcher != null && launcher.isAlive()) {
            List<ProcessHandle> children = launcher.descendants().toList();
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            try {
                for (ProcessHandle child : children) {
                    child.onExit().get(10, TimeUnit.SECONDS);
                }
                launcher.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Killed processes are gone soon enough; what is left of the folder below is then left behind.
            }
        }
        if (Boolean.getBoolean("sabai.keep-data")) {
            System.err.println("The platform's data folder is kept: " + data);
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder; the system's own clean-up takes what could not be deleted now.
        }
    }

    public String launcherLog() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("launcher.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no launcher log: " + e.getMessage() + ")";
        }
    }

    private String port(String name) {
        return Integer.toString(ports.get(name));
    }
}
