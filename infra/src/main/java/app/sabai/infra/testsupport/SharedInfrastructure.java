package app.sabai.infra.testsupport;

import app.sabai.infra.Ports;
import app.sabai.infra.kafka.EmbeddedKafkaBroker;
import app.sabai.infra.mongo.EmbeddedMongoStore;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One Kafka broker and one MongoDB-protocol store per test JVM, reached over the network like in
 * production. With a Docker engine: Testcontainers' Apache Kafka and a MongoDB replica set. Without one:
 * the embedded KRaft broker and the embedded store. {@code -Dsabai.test.infrastructure=embedded} (or
 * {@code testcontainers}) forces a choice. Which one ran is printed and written to
 * {@code target/test-infrastructure.txt}.
 */
public final class SharedInfrastructure {

    public enum Kind { TESTCONTAINERS, EMBEDDED }

    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    public static final String MONGODB_IMAGE = "mongo:8.0";
    /** A module's build folder, the working directory of its tests: the embedded broker's data goes there, not to /tmp. */
    private static final Path BUILD_DIRECTORY = Path.of("target");

    private static volatile SharedInfrastructure instance;

    private final Kind kind;
    private final String bootstrapServers;
    private final String mongoBaseUri;
    private final String description;

    private SharedInfrastructure(Kind kind, String bootstrapServers, String mongoBaseUri, String description) {
        this.kind = kind;
        this.bootstrapServers = bootstrapServers;
        this.mongoBaseUri = mongoBaseUri;
        this.description = description;
    }

    public static SharedInfrastructure get() {
        if (instance == null) {
            synchronized (SharedInfrastructure.class) {
                if (instance == null) {
                    instance = start();
                    report(instance);
                }
            }
        }
        return instance;
    }

    public Kind kind() {
        return kind;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A connection string for one database. */
    public String mongoUri(String database) {
        int query = mongoBaseUri.indexOf('?');
        String base = query < 0 ? mongoBaseUri : mongoBaseUri.substring(0, query);
        String options = query < 0 ? "" : mongoBaseUri.substring(query);
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        int path = base.indexOf('/', "mongodb://".length());
        if (path > 0) {
            base = base.substring(0, path);
        }
        return base + "/" + database + options;
    }

    public String description() {
        return description;
    }

    private static SharedInfrastructure start() {
        String wanted = System.getProperty("sabai.test.infrastructure",
                System.getenv().getOrDefault("SABAI_TEST_INFRASTRUCTURE", "auto")).toLowerCase(Locale.ROOT);
        boolean docker = switch (wanted) {
            case "embedded" -> false;
            case "testcontainers" -> true;
            default -> dockerAvailable();
        };
        return docker ? startContainers() : startEmbedded();
    }

    private static boolean dockerAvailable() {
        boolean engineConfigured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!engineConfigured) {
            // Nothing to ask: skip Testcontainers' probe and the alarming log lines it prints.
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static SharedInfrastructure startContainers() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        MongoDBContainer mongo = new MongoDBContainer(MONGODB_IMAGE).withReplicaSet();
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            mongo.stop();
        }, "test-infrastructure-stop"));
        return new SharedInfrastructure(Kind.TESTCONTAINERS, kafka.getBootstrapServers(), mongo.getReplicaSetUrl(),
                "Testcontainers: Apache Kafka " + KAFKA_IMAGE + " at " + kafka.getBootstrapServers()
                        + ", MongoDB replica set " + MONGODB_IMAGE + " at " + mongo.getReplicaSetUrl());
    }

    private static SharedInfrastructure startEmbedded() {
        try {
            Path dataDirectory = Files.isDirectory(BUILD_DIRECTORY)
                    ? Files.createTempDirectory(BUILD_DIRECTORY, "test-kafka") : Files.createTempDirectory("sabai-test-kafka");
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", Ports.free(), Ports.free(), dataDirectory, 3);
            EmbeddedMongoStore store = EmbeddedMongoStore.inMemory("localhost", 0);
            // Neither is stopped when the test JVM ends. Shutdown hooks run together: a broker stopping in one while the
            // cached Spring contexts close in another leaves their consumers and producers waiting out their timeouts for
            // it, past the 30 s Surefire gives a finishing JVM. Both end with the JVM; the broker's data is in target/.
            return new SharedInfrastructure(Kind.EMBEDDED, broker.bootstrapServers(), store.uri(""),
                    "embedded: Apache Kafka broker (KRaft, kafka_2.13 4.1.2) at " + broker.bootstrapServers()
                            + ", MongoDB-protocol store (mongo-java-server 1.47.0, in memory) at localhost:" + store.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(SharedInfrastructure infrastructure) {
        String line = "Test infrastructure: " + infrastructure.description;
        System.out.println(line);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("test-infrastructure.txt"), line + System.lineSeparator());
            }
        } catch (IOException ignored) {
            // The report file is a convenience; the line above is printed regardless.
        }
    }
}
