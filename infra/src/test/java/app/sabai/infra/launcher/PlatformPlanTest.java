package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformPlanTest {

    private static final Path HOME = Path.of("/work/sabai");
    private static final Artifacts ARTIFACTS = new Artifacts(HOME, "0.1.0-SNAPSHOT");
    private static final String JAVA = "/opt/jdk-25/bin/java";

    @Test
    void startsTheBrokerAndTheStoreFromTheInfraJarWithTheirDataUnderTheDataFolder() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of(), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.infrastructure()).extracting(ChildSpec::name).containsExactly("broker", "store", "identity");
        ChildSpec broker = plan.infrastructure().get(0);
        assertThat(broker.command()).startsWith(JAVA).containsSubsequence(
                "-jar", "/work/sabai/infra/target/infra-0.1.0-SNAPSHOT-exec.jar", "broker",
                "--port", "9092", "--controller-port", "9093", "--data", "/work/sabai/.sabai/kafka", "--parent-pid", "4242");
        assertThat(broker.readiness()).isEqualTo(new Readiness.KafkaAnswers("localhost:9092"));
        ChildSpec store = plan.infrastructure().get(1);
        assertThat(store.command()).containsSubsequence("store", "--port", "27017", "--data", "/work/sabai/.sabai/mongo/store.mv",
                "--parent-pid", "4242");
        assertThat(store.readiness()).isEqualTo(new Readiness.AcceptsConnections(27017));
    }

    @Test
    void startsIdentityWithTheInfrastructureAsASmallJvmWithItsIssuerKeyFileAndGateway() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--identity-port", "9100", "--gateway-port", "9080"), Map.of(), HOME),
                ARTIFACTS, JAVA, null, 4242);

        ChildSpec identity = plan.infrastructure().getLast();
        assertThat(identity.name()).isEqualTo("identity");
        assertThat(identity.command()).containsExactly(JAVA, "-Xmx192m", "-Xms24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+UnlockDiagnosticVMOptions", "-XX:AsyncDeflationInterval=10000",
                "-jar", "/work/sabai/identity/target/identity-0.1.0-SNAPSHOT.jar",
                "--server.port=9100",
                "--spring.security.oauth2.authorizationserver.issuer=http://localhost:9100",
                "--sabai.identity.key-file=/work/sabai/.sabai/identity/signing-key.json",
                "--sabai.identity.gateway-url=http://localhost:9080",
                "--sabai.identity.demo.enabled=true",
                "--sabai.parent-pid=4242");
        assertThat(identity.environment()).as("demo mode has local client secrets").isEmpty();
        assertThat(identity.address()).isEqualTo("http://localhost:9100");
        assertThat(identity.readiness()).isEqualTo(new Readiness.HealthUp(URI.create("http://localhost:9100/actuator/health"), 0));
        assertThat(plan.services()).allSatisfy(service -> assertThat(service.command())
                .contains("--sabai.identity.issuer-uri=http://localhost:9100"));
        assertThat(plan.gateway().command()).contains("--sabai.identity.issuer-uri=http://localhost:9100");
    }

    @Test
    void withoutDemoDataIdentityHasNoDemoUsersAndItsClientSecretsComeInTheEnvironment() {
        ClientSecrets secrets = new ClientSecrets("gateway-secret-for-this-run", "monitor-secret-for-this-run");

        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--no-demo"), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242,
                PlatformPlan.JarRunner.AS_BUILT, secrets);

        ChildSpec identity = plan.infrastructure().getLast();
        assertThat(identity.command()).contains("--sabai.identity.demo.enabled=false")
                .noneMatch(arg -> arg.contains("secret-for-this-run"));
        assertThat(identity.environment()).containsOnly(
                Map.entry("SABAI_IDENTITY_GATEWAY_SECRET", "gateway-secret-for-this-run"),
                Map.entry("SABAI_IDENTITY_MONITOR_SECRET", "monitor-secret-for-this-run"));
        assertThat(plan.gateway().environment()).containsOnly(Map.entry("SABAI_IDENTITY_GATEWAY_SECRET", "gateway-secret-for-this-run"));
        assertThat(plan.gateway().command()).noneMatch(arg -> arg.contains("secret-for-this-run"))
                .contains("--sabai.demo.enabled=false")
                .noneMatch(arg -> arg.startsWith("--sabai.identity.local-token.enabled"));
    }

    @Test
    void withDemoDataTheGatewayPassesTokenRequestsOnToIdentityAndUsesTheLocalClientSecret() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of(), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.gateway().command()).contains("--sabai.demo.enabled=true", "--sabai.identity.local-token.enabled=true",
                "--sabai.identity.issuer-uri=http://localhost:9000");
        assertThat(plan.gateway().environment()).as("demo mode has the local client secret").isEmpty();
    }

    @Test
    void everyRunWithoutDemoDataHasSecretsOfItsOwn() {
        LaunchOptions options = LaunchOptions.parse(List.of("--no-demo"), Map.of(), HOME);

        String first = PlatformPlan.of(options, ARTIFACTS, JAVA, null, 4242).infrastructure().getLast().environment()
                .get("SABAI_IDENTITY_GATEWAY_SECRET");
        String second = PlatformPlan.of(options, ARTIFACTS, JAVA, null, 4242).infrastructure().getLast().environment()
                .get("SABAI_IDENTITY_GATEWAY_SECRET");

        assertThat(first).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(second);
    }

    @Test
    void identityIsStartedEvenWithAnExistingKafkaAndMongoDb() {
        LaunchOptions options = LaunchOptions.parse(List.of(),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "MONGODB_URI", "mongodb://mongo:27017/?replicaSet=rs0"), HOME);

        assertThat(PlatformPlan.of(options, ARTIFACTS, JAVA, null, 4242).infrastructure()).extracting(ChildSpec::name)
                .containsExactly("identity");
    }

    @Test
    void startsEachServiceAsASmallJvmPointedAtTheBrokerTheStoreAndTheLauncher() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--booking-port", "9181"), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.services()).extracting(ChildSpec::name).containsExactly("booking-service", "therapist-service", "notification-service");
        ChildSpec booking = plan.services().getFirst();
        assertThat(booking.command()).containsExactly(JAVA, "-Xmx192m", "-Xms24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError", "-Dspring.kafka.listener.concurrency=1", "-XX:+UnlockDiagnosticVMOptions", "-XX:AsyncDeflationInterval=10000",
                "-jar", "/work/sabai/booking-service/target/booking-service-0.1.0-SNAPSHOT.jar",
                "--server.port=9181", "--spring.kafka.bootstrap-servers=localhost:9092", "--sabai.demo.enabled=true",
                "--sabai.identity.issuer-uri=http://localhost:9000", "--sabai.parent-pid=4242", "--spring.mongodb.uri=mongodb://localhost:27017");
        assertThat(booking.readiness()).isEqualTo(new Readiness.HealthUp(URI.create("http://localhost:9181/actuator/health"), 4));
    }

    @Test
    void startsFurtherInstancesOfAServiceOnTheirOwnPortsWhileTheGatewayRoutesToTheFirst() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--instances", "therapist-service=2", "--therapist-port", "9182"),
                Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.services()).extracting(ChildSpec::name)
                .containsExactly("booking-service", "therapist-service", "therapist-service-2", "notification-service");
        ChildSpec first = plan.services().get(1);
        ChildSpec second = plan.services().get(2);
        assertThat(second.command()).contains("/work/sabai/therapist-service/target/therapist-service-0.1.0-SNAPSHOT.jar",
                "--spring.mongodb.uri=mongodb://localhost:27017", "--spring.kafka.bootstrap-servers=localhost:9092");
        assertThat(first.address()).isEqualTo("http://localhost:9182");
        assertThat(second.address()).isNotEqualTo(first.address()).startsWith("http://localhost:");
        assertThat(second.command()).contains("--server.port=" + URI.create(second.address()).getPort());
        assertThat(plan.gateway().command()).contains("--sabai.services.therapist-url=http://localhost:9182");
    }

    @Test
    void eachServiceInstanceHasOneListenerConsumerUnlessTheOperatorAsksForMore() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--instances", "therapist-service=2"), Map.of(), HOME),
                ARTIFACTS, JAVA, null, 4242);
        PlatformPlan more = PlatformPlan.of(LaunchOptions.parse(List.of("--jvm-options", "-Dspring.kafka.listener.concurrency=3"),
                Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.services()).hasSize(4).allSatisfy(service -> assertThat(service.command()).as(service.name())
                .containsSubsequence("-Dspring.kafka.listener.concurrency=1", "-jar"));
        assertThat(plan.infrastructure()).allSatisfy(child -> assertThat(child.command()).noneMatch(arg -> arg.contains("concurrency")));
        assertThat(plan.gateway().command()).noneMatch(arg -> arg.contains("concurrency"));
        assertThat(more.services()).allSatisfy(service -> assertThat(service.command()).as(service.name())
                .containsSubsequence("-Dspring.kafka.listener.concurrency=1", "-Dspring.kafka.listener.concurrency=3", "-jar"));
    }

    @Test
    void addsTheOperatorsJvmOptionsAfterItsOwnSoThatTheyWin() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--jvm-options", "-XX:TieredStopAtLevel=4"), Map.of(), HOME),
                ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.all()).allSatisfy(child -> assertThat(child.command())
                .containsSubsequence("-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=4", "-jar"));
    }

    @Test
    void compilesWithC1AloneExceptTheStoreWhichC2MakesCheaperPerBooking() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of(), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.all()).allSatisfy(child -> assertThat(child.command().contains("-XX:TieredStopAtLevel=1"))
                .as(child.name()).isEqualTo(!child.name().equals("store")));
    }

    @Test
    void everyChildChecksForIdleLocksToDeflateEveryTenSecondsNotFourTimesASecond() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of(), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.all()).isNotEmpty().allSatisfy(child -> assertThat(child.command()).as(child.name())
                .containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:AsyncDeflationInterval=10000", "-jar"));
    }

    @Test
    void givesNotificationServiceTheMailboxAndTheGatewayItsBackends() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--smtp-port", "2525"), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.services().get(2).environment()).containsEntry("SMTP_PORT", "2525").containsEntry("SMTP_HOST", "localhost");
        assertThat(plan.gateway().command()).contains("--server.port=8080",
                "--sabai.services.booking-url=http://localhost:8081",
                "--sabai.services.therapist-url=http://localhost:8082",
                "--sabai.services.notification-url=http://localhost:8083",
                "--spring.kafka.bootstrap-servers=localhost:9092");
        assertThat(plan.gateway().readiness()).isEqualTo(new Readiness.HealthUp(URI.create("http://localhost:8080/actuator/health"), 0));
    }

    @Test
    void everyProcessIsToldTheCollectorForTracesWhenThereIsOne() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--otlp-endpoint", "http://localhost:4318"), Map.of(), HOME),
                ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.services()).hasSize(3).allSatisfy(service ->
                assertThat(service.command()).contains("--sabai.telemetry.otlp-endpoint=http://localhost:4318"));
        assertThat(plan.gateway().command()).contains("--sabai.telemetry.otlp-endpoint=http://localhost:4318");
        assertThat(plan.infrastructure().getLast().command()).contains("--sabai.telemetry.otlp-endpoint=http://localhost:4318");
    }

    @Test
    void withoutACollectorNoProcessIsToldOne() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of(), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.all()).allSatisfy(child ->
                assertThat(child.command()).noneMatch(argument -> argument.startsWith("--sabai.telemetry.")));
    }

    @Test
    void withoutDemoDataNoCatalogueIsAwaited() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of("--no-demo"), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.services().getFirst().command()).contains("--sabai.demo.enabled=false");
        assertThat(plan.services().getFirst().readiness()).isEqualTo(new Readiness.HealthUp(URI.create("http://localhost:8081/actuator/health"), 0));
    }

    @Test
    void usesAnExistingKafkaAndMongoDbInsteadOfStartingThem() {
        LaunchOptions options = LaunchOptions.parse(List.of(),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "MONGODB_URI", "mongodb://mongo:27017/?replicaSet=rs0"), HOME);

        PlatformPlan plan = PlatformPlan.of(options, ARTIFACTS, JAVA, null, 4242);

        assertThat(plan.infrastructure()).extracting(ChildSpec::name).containsExactly("identity");
        assertThat(plan.services()).allSatisfy(service -> assertThat(service.command())
                .contains("--spring.kafka.bootstrap-servers=kafka:9092", "--spring.mongodb.uri=mongodb://mongo:27017/?replicaSet=rs0"));
    }

    @Test
    void runsEachJarTheWayTheJarRunnerSays() {
        PlatformPlan.JarRunner cached = new PlatformPlan.JarRunner() {
            @Override
            public Path jar(Path built) {
                return Path.of("/cache").resolve(built.getFileName());
            }

            @Override
            public List<String> jvmOptions(String child, Path built) {
                return List.of("-XX:SharedArchiveFile=/cache/" + built.getFileName() + "/" + child + ".jsa");
            }
        };

        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of(), Map.of(), HOME), ARTIFACTS, JAVA, null, 4242, cached);

        assertThat(plan.infrastructure().getFirst().command())
                .containsSubsequence("-XX:SharedArchiveFile=/cache/infra-0.1.0-SNAPSHOT-exec.jar/broker.jsa", "-jar", "/cache/infra-0.1.0-SNAPSHOT-exec.jar", "broker");
        assertThat(plan.gateway().command())
                .containsSubsequence("-XX:SharedArchiveFile=/cache/gateway-0.1.0-SNAPSHOT.jar/gateway.jsa", "-jar", "/cache/gateway-0.1.0-SNAPSHOT.jar");
        assertThat(plan.infrastructure().getLast().command())
                .containsSubsequence("-XX:SharedArchiveFile=/cache/identity-0.1.0-SNAPSHOT.jar/identity.jsa", "-jar", "/cache/identity-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void startsEveryChildInItsOwnSessionWhereSetsidExists() {
        PlatformPlan plan = PlatformPlan.of(LaunchOptions.parse(List.of(), Map.of(), HOME), ARTIFACTS, JAVA, "/usr/bin/setsid", 4242);

        assertThat(plan.all()).hasSize(7).allSatisfy(child -> assertThat(child.command()).startsWith("/usr/bin/setsid", JAVA));
    }
}
