package app.sabai.infra.launcher;

import app.sabai.infra.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PreflightTest {

    @TempDir
    Path home;

    @Test
    void aBuiltCheckoutWithFreePortsOnJava21IsReady() throws IOException {
        LaunchOptions options = optionsOnFreePorts(Map.of());
        build(options);

        assertThat(Preflight.problems(options, artifacts(), environment(21))).isEmpty();
    }

    @Test
    void anOlderJavaIsNamedWithWhatToInstall() throws IOException {
        LaunchOptions options = optionsOnFreePorts(Map.of());
        build(options);

        assertThat(Preflight.problems(options, artifacts(), environment(17))).singleElement().asString()
                .startsWith("Sabai needs Java 21 or newer, but this is Java 17 (/usr/bin/java).")
                .contains("JAVA_HOME");
    }

    @Test
    void missingJarsAreListedWithTheBuildCommand() throws IOException {
        LaunchOptions options = optionsOnFreePorts(Map.of());
        Files.writeString(home.resolve("pom.xml"), "<project/>");

        assertThat(Preflight.problems(options, artifacts(), environment(25))).singleElement().asString()
                .contains("booking-service/target/booking-service-0.1.0-SNAPSHOT.jar")
                .contains("gateway/target/gateway-0.1.0-SNAPSHOT.jar")
                .contains("identity/target/identity-0.1.0-SNAPSHOT.jar")
                .contains("infra/target/infra-0.1.0-SNAPSHOT-exec.jar")
                .contains("./mvnw -q -DskipTests package");
    }

    @Test
    void aFolderThatIsNoCheckoutSaysSo() {
        LaunchOptions options = optionsOnFreePorts(Map.of());

        assertThat(Preflight.problems(options, artifacts(), environment(25))).singleElement().asString()
                .contains("is not a Sabai checkout").contains("--home");
    }

    @Test
    void aTakenPortIsNamedWithItsPurposeAndHowToChooseAnother() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LaunchOptions options = optionsOnFreePorts(Map.of(PortOption.BOOKING, taken.getLocalPort()));
            build(options);

            List<String> problems = Preflight.problems(options, artifacts(), environment(25));

            assertThat(problems).singleElement().asString()
                    .isEqualTo("Port " + taken.getLocalPort() + " for booking-service is already in use. Stop what listens there"
                            + " (find it with: lsof -nP -iTCP:" + taken.getLocalPort() + " -sTCP:LISTEN), or choose another port with"
                            + " --booking-port PORT or SABAI_BOOKING_PORT=PORT.");
        }
    }

    @Test
    void aTakenKafkaPortDoesNotMatterWhenAnExistingBrokerIsUsed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> environment = new java.util.HashMap<>(portEnvironment(Map.of(PortOption.KAFKA, taken.getLocalPort())));
            environment.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + taken.getLocalPort());
            LaunchOptions options = LaunchOptions.parse(List.of(), environment, home);
            build(options);

            assertThat(Preflight.problems(options, artifacts(), environment(25))).isEmpty();
        }
    }

    @Test
    void aLauncherStillRunningOnTheSameDataIsReportedInsteadOfItsPorts() throws IOException {
        try (ServerSocket itsGateway = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LaunchOptions options = optionsOnFreePorts(Map.of(PortOption.GATEWAY, itsGateway.getLocalPort()));
            build(options);
            Preflight.Environment running = new Preflight.Environment(25, "/usr/bin/java",
                    port -> Ports.inUse("localhost", port), Files::exists, Optional.of(4242L));

            assertThat(Preflight.problems(options, artifacts(), running)).singleElement().asString()
                    .startsWith("Sabai is already running").contains("4242");
        }
    }

    private Preflight.Environment environment(int javaFeature) {
        return new Preflight.Environment(javaFeature, "/usr/bin/java", port -> Ports.inUse("localhost", port), Files::exists,
                Optional.empty());
    }

    private Artifacts artifacts() {
        return new Artifacts(home, "0.1.0-SNAPSHOT");
    }

    /** Every port on a free one, so the test does not depend on what runs on this machine. */
    private LaunchOptions optionsOnFreePorts(Map<PortOption, Integer> fixed) {
        return LaunchOptions.parse(List.of(), portEnvironment(fixed), home);
    }

    private static Map<String, String> portEnvironment(Map<PortOption, Integer> fixed) {
        Map<PortOption, Integer> ports = new EnumMap<>(PortOption.class);
        java.util.Set<Integer> taken = new java.util.HashSet<>(fixed.values());
        for (PortOption port : PortOption.values()) {
            Integer number = fixed.get(port);
            if (number == null && port.optional()) {
                continue;
            }
            while (number == null) {
                int candidate = Ports.free();
                number = taken.add(candidate) ? candidate : null;
            }
            ports.put(port, number);
        }
        Map<String, String> environment = new java.util.HashMap<>();
        ports.forEach((port, number) -> environment.put(port.environmentVariable(), Integer.toString(number)));
        return environment;
    }

    private void build(LaunchOptions options) throws IOException {
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Artifacts artifacts = artifacts();
        for (String module : List.of("booking-service", "therapist-service", "notification-service", "identity", "gateway")) {
            Files.createDirectories(artifacts.jar(module).getParent());
            Files.writeString(artifacts.jar(module), "jar");
        }
        Files.createDirectories(artifacts.infraExecJar().getParent());
        Files.writeString(artifacts.infraExecJar(), "jar");
    }
}
