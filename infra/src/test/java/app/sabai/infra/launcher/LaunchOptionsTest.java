package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    private static final Path CWD = Path.of("/work/sabai");

    @Test
    void defaultsToTheCurrentFolderAndTheUsualPorts() {
        LaunchOptions options = LaunchOptions.parse(List.of(), Map.of(), CWD);

        assertThat(options.home()).isEqualTo(CWD);
        assertThat(options.data()).isEqualTo(CWD.resolve(".sabai"));
        assertThat(options.readyFile()).isEqualTo(CWD.resolve(".sabai/run/ready"));
        assertThat(options.port(PortOption.GATEWAY)).isEqualTo(8080);
        assertThat(options.port(PortOption.BOOKING)).isEqualTo(8081);
        assertThat(options.port(PortOption.THERAPIST)).isEqualTo(8082);
        assertThat(options.port(PortOption.NOTIFICATION)).isEqualTo(8083);
        assertThat(options.port(PortOption.IDENTITY)).isEqualTo(9000);
        assertThat(options.port(PortOption.KAFKA)).isEqualTo(9092);
        assertThat(options.port(PortOption.KAFKA_CONTROLLER)).isEqualTo(9093);
        assertThat(options.port(PortOption.MONGO)).isEqualTo(27017);
        assertThat(options.port(PortOption.SMTP)).isEqualTo(3025);
        assertThat(options.port(PortOption.IMAP)).isZero();
        assertThat(options.portsInUse()).doesNotContain(PortOption.IMAP);
        assertThat(options.demo()).isTrue();
        assertThat(options.startsBroker()).isTrue();
        assertThat(options.startsStore()).isTrue();
        assertThat(options.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(options.mongoUri()).isEqualTo("mongodb://localhost:27017");
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.otlpEndpoint()).isNull();
    }

    @Test
    void takesTheCollectorForTracesFromTheEnvironmentAndTheCommandLineWins() {
        assertThat(LaunchOptions.parse(List.of(), Map.of("SABAI_OTLP_ENDPOINT", "http://collector:4318"), CWD).otlpEndpoint())
                .isEqualTo("http://collector:4318");
        assertThat(LaunchOptions.parse(List.of("--otlp-endpoint", "http://localhost:4318"),
                Map.of("SABAI_OTLP_ENDPOINT", "http://collector:4318"), CWD).otlpEndpoint())
                .isEqualTo("http://localhost:4318");
        assertThat(LaunchOptions.parse(List.of("--otlp-endpoint=https://traces.example.com"), Map.of(), CWD).otlpEndpoint())
                .isEqualTo("https://traces.example.com");
    }

    @Test
    void startsOneInstanceOfEachServiceUnlessToldMoreAndTheCommandLineWins() {
        assertThat(LaunchOptions.parse(List.of(), Map.of(), CWD).instances("therapist-service")).isEqualTo(1);
        LaunchOptions options = LaunchOptions.parse(List.of("--instances", "therapist-service=2,booking-service=3"),
                Map.of("SABAI_INSTANCES", "therapist-service=4"), CWD);
        assertThat(options.instances("therapist-service")).isEqualTo(2);
        assertThat(options.instances("booking-service")).isEqualTo(3);
        assertThat(options.instances("notification-service")).isEqualTo(1);
        assertThat(LaunchOptions.parse(List.of(), Map.of("SABAI_INSTANCES", "notification-service=2"), CWD).instances("notification-service"))
                .isEqualTo(2);
    }

    @Test
    void refusesInstancesOfWhatCannotShareItsWorkOrCountsOutOfRange() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--instances", "gateway=2"), Map.of(), CWD))
                .hasMessage("--instances names 'gateway'; only booking-service, therapist-service, notification-service can run as more "
                        + "than one instance (such as therapist-service=2).");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--instances=therapist-service=9"), Map.of(), CWD))
                .hasMessage("--instances must give therapist-service a number of instances from 1 to 4, such as therapist-service=2, "
                        + "not 'therapist-service=9'.");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of(), Map.of("SABAI_INSTANCES", "booking-service=two"), CWD))
                .hasMessageStartingWith("SABAI_INSTANCES must give booking-service a number of instances from 1 to 4");
    }

    @Test
    void passesExtraJvmOptionsAsSeparateArguments() {
        assertThat(LaunchOptions.parse(List.of("--jvm-options", " -XX:TieredStopAtLevel=4  -Xmx256m "), Map.of(), CWD).jvmOptions())
                .containsExactly("-XX:TieredStopAtLevel=4", "-Xmx256m");
        assertThat(LaunchOptions.parse(List.of(), Map.of("SABAI_JVM_OPTIONS", "-Xss1m"), CWD).jvmOptions()).containsExactly("-Xss1m");
        assertThat(LaunchOptions.parse(List.of(), Map.of(), CWD).jvmOptions()).isEmpty();
    }

    @Test
    void aCollectorMustBeAnHttpAddress() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--otlp-endpoint", "localhost:4318"), Map.of(), CWD))
                .hasMessage("--otlp-endpoint must be an http:// or https:// address such as http://localhost:4318, not 'localhost:4318'.");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of(), Map.of("SABAI_OTLP_ENDPOINT", "jaeger"), CWD))
                .hasMessageStartingWith("SABAI_OTLP_ENDPOINT must be an http:// or https:// address");
    }

    @Test
    void takesEachOptionFromTheEnvironmentAndTheCommandLineWins() {
        LaunchOptions options = LaunchOptions.parse(
                List.of("--booking-port", "9181", "--data=/var/sabai", "--no-demo", "--ready-file", "ready.txt"),
                Map.of("SABAI_BOOKING_PORT", "7181", "SABAI_GATEWAY_PORT", "7080", "SABAI_HOME", "checkout",
                        "SABAI_START_TIMEOUT", "30"),
                CWD);

        assertThat(options.port(PortOption.BOOKING)).isEqualTo(9181);
        assertThat(options.port(PortOption.GATEWAY)).isEqualTo(7080);
        assertThat(options.home()).isEqualTo(CWD.resolve("checkout"));
        assertThat(options.data()).isEqualTo(Path.of("/var/sabai"));
        assertThat(options.readyFile()).isEqualTo(CWD.resolve("ready.txt"));
        assertThat(options.demo()).isFalse();
        assertThat(options.gatewayUrl()).isEqualTo("http://localhost:7080");
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void noDemoCanComeFromTheEnvironment() {
        assertThat(LaunchOptions.parse(List.of(), Map.of("SABAI_NO_DEMO", "true"), CWD).demo()).isFalse();
        assertThat(LaunchOptions.parse(List.of(), Map.of("SABAI_NO_DEMO", "false"), CWD).demo()).isTrue();
    }

    @Test
    void anExistingKafkaOrMongoDbReplacesTheEmbeddedOnesAndNeedsNoPorts() {
        LaunchOptions options = LaunchOptions.parse(List.of(),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.internal:9092", "MONGODB_URI", "mongodb://db.internal:27017/?replicaSet=rs0"), CWD);

        assertThat(options.startsBroker()).isFalse();
        assertThat(options.startsStore()).isFalse();
        assertThat(options.kafkaBootstrapServers()).isEqualTo("kafka.internal:9092");
        assertThat(options.mongoUri()).isEqualTo("mongodb://db.internal:27017/?replicaSet=rs0");
        assertThat(options.portsInUse()).doesNotContain(PortOption.KAFKA, PortOption.KAFKA_CONTROLLER, PortOption.MONGO)
                .contains(PortOption.GATEWAY, PortOption.SMTP);
    }

    @Test
    void theMailboxServesImapOnlyWhenAskedTo() {
        LaunchOptions options = LaunchOptions.parse(List.of("--imap-port", "3143"), Map.of(), CWD);

        assertThat(options.port(PortOption.IMAP)).isEqualTo(3143);
        assertThat(options.portsInUse()).contains(PortOption.IMAP);
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--smtp-port", "0"), Map.of(), CWD))
                .hasMessage("--smtp-port must be a port number from 1 to 65535, not '0'.");
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--gateway", "8080"), Map.of(), CWD))
                .isInstanceOf(OptionsException.class)
                .hasMessageStartingWith("Unknown option --gateway.");
    }

    @Test
    void aPortThatIsNotANumberNamesWhereItCameFrom() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--kafka-port", "ninety"), Map.of(), CWD))
                .hasMessage("--kafka-port must be a port number from 1 to 65535, not 'ninety'.");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of(), Map.of("SABAI_MONGO_PORT", "70000"), CWD))
                .hasMessage("SABAI_MONGO_PORT must be a port number from 1 to 65535, not '70000'.");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--data", "--no-demo"), Map.of(), CWD))
                .hasMessageStartingWith("--data needs a value.");
    }

    @Test
    void twoPartsOfThePlatformCannotShareAPort() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--therapist-port", "8081"), Map.of(), CWD))
                .hasMessage("Port 8081 is given to both booking-service (--booking-port) and therapist-service (--therapist-port);"
                        + " give each its own port.");
    }

    @Test
    void theUsageListsEveryPortWithItsEnvironmentVariable() {
        String usage = LaunchOptions.usage();

        for (PortOption port : PortOption.values()) {
            assertThat(usage).contains(port.option()).contains(port.environmentVariable());
        }
        assertThat(usage).contains("--no-demo", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "--ready-file", "--otlp-endpoint URL",
                "SABAI_OTLP_ENDPOINT");
    }
}
