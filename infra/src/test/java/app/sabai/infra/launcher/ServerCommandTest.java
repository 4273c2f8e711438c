package app.sabai.infra.launcher;

import app.sabai.infra.Ports;
import app.sabai.infra.SabaiInfra;
import com.mongodb.client.MongoClient;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The {@code broker} and {@code store} commands, each run as its own JVM the way the launcher runs them. */
class ServerCommandTest {

    @TempDir
    Path data;

    private final List<ChildProcess> started = new ArrayList<>();
    private final ReadinessProbe probe = new ReadinessProbe();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(ChildProcess::kill);
        probe.close();
    }

    @Test
    void theStoreKeepsItsDataOnDiskAcrossAStopAndAStart() {
        int port = Ports.free();
        Path file = data.resolve("mongo").resolve("store.mv");
        String id = UUID.randomUUID().toString();

        ChildProcess first = start("store", "store", "--port", Integer.toString(port), "--data", file.toString(),
                "--parent-pid", Long.toString(ProcessHandle.current().pid()));
        awaitReady(new Readiness.AcceptsConnections(port));
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            client.getDatabase("booking").getCollection("bookings").insertOne(new Document("_id", id).append("status", "REQUESTED"));
            // What Spring Boot's MongoDB health check asks.
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(hello).containsKey("maxWireVersion");
        }
        assertThat(first.stop(Duration.ofSeconds(20))).isEqualTo(ChildProcess.Ending.STOPPED);

        start("store", "store", "--port", Integer.toString(port), "--data", file.toString());
        awaitReady(new Readiness.AcceptsConnections(port));
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            Document stored = client.getDatabase("booking").getCollection("bookings").find(new Document("_id", id)).first();
            assertThat(stored).isNotNull();
            assertThat(stored.getString("status")).isEqualTo("REQUESTED");
        }
    }

    @Test
    void everyWriteTheStoreAcknowledgedSurvivesAKillDashNine() throws Exception {
        int port = Ports.free();
        Path file = data.resolve("mongo").resolve("store.mv");
        int writes = 300;

        ChildProcess first = start("store", "store", "--port", Integer.toString(port), "--data", file.toString());
        awaitReady(new Readiness.AcceptsConnections(port));
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            var bookings = client.getDatabase("booking").getCollection("bookings");
            // Six writers at once, so that answers wait for commits made for several commands together.
            int writers = 6;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    int start = writer;
                    running.add(pool.submit(() -> {
                        for (int i = start; i < writes; i += writers) {
                            bookings.insertOne(new Document("_id", "booking-" + i).append("status", "REQUESTED"));
                            bookings.updateOne(new Document("_id", "booking-" + i), new Document("$set", new Document("status", "CONFIRMED")));
                        }
                    }));
                }
                for (Future<?> writer : running) {
                    writer.get();
                }
            } finally {
                pool.shutdownNow();
            }
            // No pause: the kill follows the last acknowledged write at once, well within H2's own commit interval.
            first.kill();
        }
        first.onExit().get(20, TimeUnit.SECONDS);

        start("store", "store", "--port", Integer.toString(port), "--data", file.toString());
        awaitReady(new Readiness.AcceptsConnections(port));
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            var bookings = client.getDatabase("booking").getCollection("bookings");
            assertThat(bookings.countDocuments()).isEqualTo(writes);
            assertThat(bookings.countDocuments(new Document("status", "CONFIRMED"))).as("every acknowledged update").isEqualTo(writes);
        }
    }

    /**
     * A kill after a checkpoint leaves the writes since in the redo log alone. The restart replays them: inserts, updates,
     * removals, the unique index's keys, a dropped collection made again. The log is then replayed once more over a
     * store that already holds it, with a frame cut short at its end, and the store is the same.
     */
    @Test
    void whatTheStoreAcknowledgedSinceItsLastCheckpointIsReplayedFromItsRedoLog() throws Exception {
        int port = Ports.free();
        Path file = data.resolve("mongo").resolve("store.mv");
        Path redo = file.resolveSibling("store.mv.redo");

        ChildProcess first = start("store", "store", "--port", Integer.toString(port), "--data", file.toString());
        awaitReady(new Readiness.AcceptsConnections(port));
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            var database = client.getDatabase("booking");
            var bookings = database.getCollection("bookings");
            bookings.createIndex(new Document("idempotencyKey", 1), new IndexOptions().unique(true));
            for (int i = 0; i < 40; i++) {
                bookings.insertOne(booking(i));
            }
            database.getCollection("scratch").insertOne(new Document("_id", "before-the-drop"));
            long checkpoints = checkpoints(client);
            await().atMost(Duration.ofSeconds(20)).until(() -> checkpoints(client) > checkpoints);

            // A drop is made between two checkpoints, so what follows it is all the log holds at the kill.
            database.getCollection("scratch").drop();
            database.getCollection("scratch").insertOne(new Document("_id", "after-the-drop"));
            for (int i = 40; i < 80; i++) {
                bookings.insertOne(booking(i));
            }
            bookings.updateMany(new Document("n", new Document("$lt", 20)), new Document("$set", new Document("status", "CONFIRMED")));
            bookings.deleteMany(new Document("n", new Document("$gte", 70)));
            first.kill();
        }
        first.onExit().get(20, TimeUnit.SECONDS);
        List<Path> segments = segments(redo);
        assertThat(segments).as("what the kill left in the redo log").isNotEmpty();
        assertThat(segments.stream().mapToLong(ServerCommandTest::size).sum()).isPositive();
        Path copies = Files.createDirectories(data.resolve("redo-copies"));
        for (Path segment : segments) {
            Files.copy(segment, copies.resolve(segment.getFileName()));
        }
        Files.write(segments.getLast(), new byte[] {0, 0, 1, 0, 42, 42}, StandardOpenOption.APPEND);

        ChildProcess second = start("store", "store", "--port", Integer.toString(port), "--data", file.toString());
        awaitReady(new Readiness.AcceptsConnections(port));
        assertReplayed(port);
        assertThat(second.stop(Duration.ofSeconds(20))).isEqualTo(ChildProcess.Ending.STOPPED);
        assertThat(segments(redo)).as("a store stopped cleanly needs no log").isEmpty();
        assertThat(second.logFile()).content().contains("Replayed").contains("cut short");

        for (Path copy : segments(copies)) {
            Files.copy(copy, redo.resolve(copy.getFileName()));
        }
        start("store", "store", "--port", Integer.toString(port), "--data", file.toString());
        awaitReady(new Readiness.AcceptsConnections(port));
        assertReplayed(port);
    }

    private static Document booking(int n) {
        return new Document("_id", "booking-" + n).append("n", n).append("idempotencyKey", "key-" + n).append("status", "REQUESTED");
    }

    private static void assertReplayed(int port) {
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            var database = client.getDatabase("booking");
            var bookings = database.getCollection("bookings");
            assertThat(bookings.countDocuments()).isEqualTo(70);
            assertThat(bookings.countDocuments(new Document("status", "CONFIRMED"))).isEqualTo(20);
            assertThat(bookings.find(new Document("_id", "booking-69")).first()).isNotNull();
            assertThat(bookings.find(new Document("_id", "booking-79")).first()).isNull();
            assertThat(database.getCollection("scratch").find().map(document -> document.getString("_id")).into(new ArrayList<>()))
                    .containsExactly("after-the-drop");
            assertThatThrownBy(() -> bookings.insertOne(new Document("_id", "again").append("idempotencyKey", "key-55")))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            assertThat(bookings.countDocuments(new Document("idempotencyKey", "key-75"))).isZero();
        }
    }

    private static long checkpoints(MongoClient client) {
        return client.getDatabase("admin").runCommand(new Document("serverStatus", 1))
                .get("groupCommit", Document.class).get("checkpoints", Number.class).longValue();
    }

    private static List<Path> segments(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".redo")).sorted().toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theStoreStopsWhenTheProcessThatLaunchedItIsGone() throws Exception {
        int port = Ports.free();
        Process parent = new ProcessBuilder("sleep", "60").start();
        ChildProcess store = start("store", "store", "--port", Integer.toString(port),
                "--data", data.resolve("store.mv").toString(), "--parent-pid", Long.toString(parent.pid()));
        awaitReady(new Readiness.AcceptsConnections(port));

        parent.destroyForcibly();

        await().atMost(Duration.ofSeconds(20)).until(() -> !store.isAlive());
        assertThat(store.logFile()).content().contains("is gone; shutting down");
    }

    @Test
    void theBrokerAnswersAndStopsCleanlyOnSigterm() {
        int port = Ports.free();
        int controllerPort = Ports.free();
        ChildProcess broker = start("broker", "broker", "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                "--data", data.resolve("kafka").toString(), "--parent-pid", Long.toString(ProcessHandle.current().pid()));

        awaitReady(new Readiness.KafkaAnswers("localhost:" + port));

        assertThat(broker.stop(Duration.ofSeconds(20))).isEqualTo(ChildProcess.Ending.STOPPED);
        assertThat(data.resolve("kafka").resolve("log").resolve("meta.properties")).exists();
    }

    @Test
    void refusesIncompleteOrWrongArguments() {
        Set<String> known = Set.of("--port", "--data", "--parent-pid");
        Set<String> required = Set.of("--port", "--data");

        assertThatThrownBy(() -> ServerCommand.parse(List.of("--port", "27017"), known, required, "store ..."))
                .hasMessage("Missing --data. Usage: store ...");
        assertThatThrownBy(() -> ServerCommand.parse(List.of("--port", "x", "--data", "f"), known, required, "store ..."))
                .hasMessage("--port must be a number, not 'x'. Usage: store ...");
        assertThatThrownBy(() -> ServerCommand.parse(List.of("--host", "h"), known, required, "store ..."))
                .hasMessage("Unknown option --host. Usage: store ...");
        assertThat(ServerCommand.parse(List.of("--port=27017", "--data", "f"), known, required, "store ..."))
                .isEqualTo(Map.of("--port", "27017", "--data", "f"));
    }

    /** As the launcher does, but from this test's class path instead of the packaged jar. */
    private ChildProcess start(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(Executables.currentJava(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SabaiInfra.class.getName()));
        command.addAll(List.of(args));
        ChildProcess child = ChildProcess.start(name, command, Map.of(), data, data.resolve("logs"), data.resolve("run"));
        started.add(child);
        return child;
    }

    private void awaitReady(Readiness readiness) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> probe.isReady(readiness));
    }
}
