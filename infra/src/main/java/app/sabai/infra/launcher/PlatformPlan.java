package app.sabai.infra.launcher;

import app.sabai.infra.Ports;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which processes make up the local platform and with which command lines: the infrastructure (broker,
 * store, identity) that must be ready first, the services, and the gateway. A plain function of the options.
 *
 * @param infrastructure started first, stopped last (identity, then the store, then the broker)
 * @param services       started together once the infrastructure is ready
 * @param gateway        started with the services, stopped first
 */
public record PlatformPlan(List<ChildSpec> infrastructure, List<ChildSpec> services, ChildSpec gateway) {

    /** How a built jar is run: which file goes to {@code -jar}, and what the JVM is told besides. */
    public interface JarRunner {

        /** Every jar as built, with no extra options. */
        JarRunner AS_BUILT = new JarRunner() {
            @Override
            public Path jar(Path built) {
                return built;
            }

            @Override
            public List<String> jvmOptions(String child, Path built) {
                return List.of();
            }
        };

        Path jar(Path built);

        /** The options of the JVM {@code child}, which runs the jar built as {@code built}. */
        List<String> jvmOptions(String child, Path built);
    }

    public static final String BROKER = "broker";
    public static final String STORE = "store";

    /**
     * Small JVMs: eight of them share two cores and a laptop's memory, and compile with C1 alone, which starts them
     * sooner and keeps them smaller. Measured side by side (BENCHMARKS.md §4), C2 as well made the services spend more
     * CPU per booking over a benchmark's run (their compilations are not yet paid back), the platform start 13 s later
     * and hold 240 MB more. The store is the exception: C2 cuts its CPU per booking by a third, for 25 MB. The broker
     * also spends less with C2 once warm, but only after some 6,000 bookings has it paid for its compilations
     * (BENCHMARKS.md §4.9); a laptop's run seldom gets there, a production broker does (the containers keep C2).
     */
    static final List<String> SERVICE_JVM = List.of("-Xmx192m", "-Xms24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-XX:+ExitOnOutOfMemoryError");
    static final List<String> INFRASTRUCTURE_JVM = List.of("-Xmx256m", "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-XX:+ExitOnOutOfMemoryError");
    static final List<String> STORE_JVM = List.of("-Xmx256m", "-Xms32m", "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");
    /**
     * HotSpot's monitor deflation thread wakes four times a second to see whether idle locks need deflating, and each
     * wake cost an idle JVM about 0.1 % of a core: more than its consumers' heartbeats (BENCHMARKS.md §4.11). Every 10 s
     * is plenty for JVMs this size; the once-a-minute deflation of idle monitors stays as it is.
     */
    static final List<String> QUIET_IDLE_JVM = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:AsyncDeflationInterval=10000");
    /**
     * One consumer per instance for a service's listeners (therapist-service's own settings ask for three). On one
     * machine the platform shares its cores and is CPU-bound under load: three request consumers decided no faster than
     * one on two cores (BENCHMARKS.md §4.4), and the demo's branches share one partition anyway, while each idle
     * consumer costs its process and the broker a fetch and heartbeats. {@code --instances} adds consumers that
     * share the partitions; a system property, so that {@code --jvm-options -Dspring.kafka.listener.concurrency=3}
     * after it wins.
     */
    static final List<String> ONE_LISTENER_CONSUMER = List.of("-Dspring.kafka.listener.concurrency=1");
    /** The demo data holds four branches; booking-service reports how many it knows in its health. */
    static final int DEMO_BRANCHES = 4;

    /**
     * @param java     the {@code java} binary the launcher runs on (children use the same)
     * @param setsid   the {@code setsid} binary, so that Ctrl-C reaches only the launcher; null where there is none
     */
    public static PlatformPlan of(LaunchOptions options, Artifacts artifacts, String java, String setsid, long launcherPid) {
        return of(options, artifacts, java, setsid, launcherPid, JarRunner.AS_BUILT);
    }

    public static PlatformPlan of(LaunchOptions options, Artifacts artifacts, String java, String setsid, long launcherPid,
                                  JarRunner jars) {
        return of(options, artifacts, java, setsid, launcherPid, jars, ClientSecrets.random());
    }

    /** @param secrets identity's client secrets when the run has no demo data (demo mode has local defaults) */
    public static PlatformPlan of(LaunchOptions options, Artifacts artifacts, String java, String setsid, long launcherPid,
                                  JarRunner jars, ClientSecrets secrets) {
        List<ChildSpec> infrastructure = new ArrayList<>();
        if (options.startsBroker()) {
            Path kafkaData = options.data().resolve("kafka");
            infrastructure.add(new ChildSpec(BROKER,
                    command(setsid, java, INFRASTRUCTURE_JVM, options, jars, BROKER, artifacts.infraExecJar(), List.of(BROKER,
                            "--port", Integer.toString(options.port(PortOption.KAFKA)),
                            "--controller-port", Integer.toString(options.port(PortOption.KAFKA_CONTROLLER)),
                            "--data", kafkaData.toString(),
                            "--parent-pid", Long.toString(launcherPid))),
                    Map.of(), options.kafkaBootstrapServers(), new Readiness.KafkaAnswers(options.kafkaBootstrapServers())));
        }
        if (options.startsStore()) {
            Path storeFile = options.data().resolve("mongo").resolve("store.mv");
            infrastructure.add(new ChildSpec(STORE,
                    command(setsid, java, STORE_JVM, options, jars, STORE, artifacts.infraExecJar(), List.of(STORE,
                            "--port", Integer.toString(options.port(PortOption.MONGO)),
                            "--data", storeFile.toString(),
                            "--parent-pid", Long.toString(launcherPid))),
                    Map.of(), options.mongoUri(), new Readiness.AcceptsConnections(options.port(PortOption.MONGO))));
        }
        infrastructure.add(identity(options, artifacts, jars, setsid, java, launcherPid, secrets));

        List<ChildSpec> services = new ArrayList<>();
        services.addAll(service(options, artifacts, jars, setsid, java, launcherPid, "booking-service", PortOption.BOOKING,
                Map.of(), options.demo() ? DEMO_BRANCHES : 0));
        services.addAll(service(options, artifacts, jars, setsid, java, launcherPid, "therapist-service", PortOption.THERAPIST,
                Map.of(), 0));
        services.addAll(service(options, artifacts, jars, setsid, java, launcherPid, "notification-service", PortOption.NOTIFICATION,
                Map.of("SMTP_HOST", "localhost", "SMTP_PORT", Integer.toString(options.port(PortOption.SMTP))), 0));

        int gatewayPort = options.port(PortOption.GATEWAY);
        List<String> gatewayArgs = new ArrayList<>(commonArgs(options, gatewayPort, launcherPid));
        gatewayArgs.add("--sabai.services.booking-url=" + local(options.port(PortOption.BOOKING)));
        gatewayArgs.add("--sabai.services.therapist-url=" + local(options.port(PortOption.THERAPIST)));
        gatewayArgs.add("--sabai.services.notification-url=" + local(options.port(PortOption.NOTIFICATION)));
        if (options.demo()) {
            // POST /auth/token through the gateway, for the demo users; the gateway refuses it for a non-local issuer.
            gatewayArgs.add("--sabai.identity.local-token.enabled=true");
        }
        Map<String, String> gatewayEnvironment = options.demo() ? Map.of() : Map.of(ClientSecrets.GATEWAY_VARIABLE, secrets.gateway());
        ChildSpec gateway = new ChildSpec(Artifacts.GATEWAY,
                command(setsid, java, SERVICE_JVM, options, jars, Artifacts.GATEWAY, artifacts.jar(Artifacts.GATEWAY), gatewayArgs),
                gatewayEnvironment, local(gatewayPort), new Readiness.HealthUp(health(gatewayPort), 0));

        return new PlatformPlan(List.copyOf(infrastructure), List.copyOf(services), gateway);
    }

    /** Everything the launcher starts, in start order. */
    public List<ChildSpec> all() {
        List<ChildSpec> all = new ArrayList<>(infrastructure);
        all.addAll(services);
        all.add(gateway);
        return all;
    }

    /**
     * Identity needs neither broker nor store. Its issuer is the address it is reached at here, and its signing key
     * lives in the data folder so that tokens survive a restart.
     */
    private static ChildSpec identity(LaunchOptions options, Artifacts artifacts, JarRunner jars, String setsid, String java,
                                      long launcherPid, ClientSecrets secrets) {
        int port = options.port(PortOption.IDENTITY);
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.security.oauth2.authorizationserver.issuer=" + local(port),
                "--sabai.identity.key-file=" + options.data().resolve("identity").resolve("signing-key.json"),
                "--sabai.identity.gateway-url=" + options.gatewayUrl(),
                "--sabai.identity.demo.enabled=" + options.demo(),
                "--sabai.parent-pid=" + launcherPid));
        args.addAll(telemetryArgs(options));
        Map<String, String> environment = options.demo() ? Map.of() : Map.of(
                ClientSecrets.GATEWAY_VARIABLE, secrets.gateway(),
                ClientSecrets.MONITOR_VARIABLE, secrets.monitor());
        return new ChildSpec(Artifacts.IDENTITY,
                command(setsid, java, SERVICE_JVM, options, jars, Artifacts.IDENTITY, artifacts.jar(Artifacts.IDENTITY), args),
                environment, local(port), new Readiness.HealthUp(health(port), 0));
    }

    /**
     * A service's first instance listens on its port and is the one the gateway routes to; further instances
     * ({@code --instances}) listen on free ports and share the work that reaches the service through Kafka.
     */
    private static List<ChildSpec> service(LaunchOptions options, Artifacts artifacts, JarRunner jars, String setsid, String java,
                                           long launcherPid, String name, PortOption portOption, Map<String, String> environment,
                                           int minBranches) {
        List<ChildSpec> instances = new ArrayList<>();
        for (int instance = 1; instance <= options.instances(name); instance++) {
            int port = instance == 1 ? options.port(portOption) : Ports.free();
            String childName = instance == 1 ? name : name + "-" + instance;
            List<String> args = new ArrayList<>(commonArgs(options, port, launcherPid));
            args.add("--spring.mongodb.uri=" + options.mongoUri());
            instances.add(new ChildSpec(childName,
                    command(setsid, java, concat(SERVICE_JVM, ONE_LISTENER_CONSUMER), options, jars, childName, artifacts.jar(name), args),
                    new LinkedHashMap<>(environment), local(port), new Readiness.HealthUp(health(port), minBranches)));
        }
        return instances;
    }

    private static List<String> commonArgs(LaunchOptions options, int port, long launcherPid) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + options.kafkaBootstrapServers(),
                "--sabai.demo.enabled=" + options.demo(),
                "--sabai.identity.issuer-uri=" + local(options.port(PortOption.IDENTITY)),
                "--sabai.parent-pid=" + launcherPid));
        args.addAll(telemetryArgs(options));
        return args;
    }

    /** Every process is told the same collector; one that does not trace yet ignores it. */
    private static List<String> telemetryArgs(LaunchOptions options) {
        return options.otlpEndpoint() == null ? List.of() : List.of("--sabai.telemetry.otlp-endpoint=" + options.otlpEndpoint());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** The command of the JVM {@code child}, running the jar built as {@code built} the way {@code jars} says. */
    private static List<String> command(String setsid, String java, List<String> jvm, LaunchOptions options, JarRunner jars,
                                        String child, Path built, List<String> args) {
        List<String> command = new ArrayList<>();
        if (setsid != null) {
            command.add(setsid);
        }
        command.add(java);
        command.addAll(jvm);
        command.addAll(QUIET_IDLE_JVM);
        command.addAll(jars.jvmOptions(child, built));
        command.addAll(options.jvmOptions());
        command.add("-jar");
        command.add(jars.jar(built).toString());
        command.addAll(args);
        return command;
    }

    private static String local(int port) {
        return "http://localhost:" + port;
    }

    private static URI health(int port) {
        return URI.create(local(port) + "/actuator/health");
    }
}
