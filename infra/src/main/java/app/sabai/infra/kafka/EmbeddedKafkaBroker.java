package app.sabai.infra.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one), from Kafka's own
 * jars. Its log lives in {@code dataDirectory}, so topics and offsets survive a restart.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedKafkaBroker start(String host, int port, int controllerPort, Path dataDirectory, int defaultPartitions) {
        Properties properties = properties(host, port, controllerPort, dataDirectory, defaultPartitions);
        Path configFile = writeConfig(dataDirectory, properties);
        if (!Files.exists(dataDirectory.resolve("log").resolve("meta.properties"))) {
            format(configFile);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, port);
    }

    static Properties properties(String host, int port, int controllerPort, Path dataDirectory, int defaultPartitions) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDirectory.resolve("log").toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(defaultPartitions));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are declared by the services that own them; a typo must not create a new topic.
        p.put("auto.create.topics.enable", "false");
        // The default 128 MiB dedupe buffer does not fit a small heap.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        // The controller appends a no-op record to the metadata log when idle so other brokers see it is alive; with
        // one node every 500 ms (the default) is idle work for nobody.
        p.put("metadata.max.idle.interval.ms", "5000");
        // The broker's heartbeat to its own controller stays at Kafka's 2 s, and its session at 9 s: a restarted broker
        // registers again only once its previous session has ended, so a longer session (30 s, tried for fewer idle
        // heartbeats) held every client up for 20 s more after a kill -9 (BENCHMARKS.md §4.10).

        // Threads for a laptop's few cores rather than a server's (defaults 3, 8, 10 and 4): fewer idle wake-ups, and
        // under load fewer threads contending for two cores. An idle group coordinator thread wakes some four times a
        // second; one carries the heartbeats and offset commits of a laptop's dozen consumers with room to spare.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("group.coordinator.threads", "1");
        return p;
    }

    private static Path writeConfig(Path dataDirectory, Properties properties) {
        try {
            Files.createDirectories(dataDirectory);
            Path file = dataDirectory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "Written at every start of the embedded broker");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Formats the log directory on first start (a formatted one keeps its cluster id and data). */
    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()};
        int exitCode = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
