package app.sabai.infra.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code sabai run} was asked to do. Each option can also be given as an environment variable; the
 * command line wins over the environment, the environment over the defaults.
 *
 * @param externalKafka  {@code KAFKA_BOOTSTRAP_SERVERS}: use that broker and start none (null: start one)
 * @param externalMongo  {@code MONGODB_URI}: use that MongoDB and start no store (null: start one)
 * @param otlpEndpoint   {@code SABAI_OTLP_ENDPOINT}: the OTLP/HTTP collector every process sends its traces to
 *                       (null: traces are kept in the logs' ids only, nothing is sent)
 * @param instances      {@code SABAI_INSTANCES}: how many instances of each service to start (one unless named)
 * @param jvmOptions     {@code SABAI_JVM_OPTIONS}: options added after the launcher's own to every child JVM
 */
public record LaunchOptions(
        Path home,
        Path data,
        Map<PortOption, Integer> ports,
        boolean demo,
        String externalKafka,
        String externalMongo,
        Path readyFile,
        Duration startTimeout,
        String otlpEndpoint,
        Map<String, Integer> instances,
        List<String> jvmOptions,
        boolean help) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /** The services that may run as more than one instance: Kafka consumer groups share their partitions. */
    public static final List<String> SCALABLE_SERVICES = List.of("booking-service", "therapist-service", "notification-service");
    static final int MAX_INSTANCES = 4;

    public LaunchOptions {
        ports = Map.copyOf(ports);
        instances = Map.copyOf(instances);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** How many instances of the service to start. */
    public int instances(String service) {
        return instances.getOrDefault(service, 1);
    }

    public int port(PortOption option) {
        return ports.get(option);
    }

    public boolean startsBroker() {
        return externalKafka == null;
    }

    public boolean startsStore() {
        return externalMongo == null;
    }

    public String kafkaBootstrapServers() {
        return startsBroker() ? "localhost:" + port(PortOption.KAFKA) : externalKafka;
    }

    public String mongoUri() {
        return startsStore() ? "mongodb://localhost:" + port(PortOption.MONGO) : externalMongo;
    }

    public String gatewayUrl() {
        return "http://localhost:" + port(PortOption.GATEWAY);
    }

    /** The ports this run will listen on (a broker or store it does not start needs none). */
    public List<PortOption> portsInUse() {
        List<PortOption> used = new ArrayList<>();
        for (PortOption port : PortOption.values()) {
            boolean kafkaPort = port == PortOption.KAFKA || port == PortOption.KAFKA_CONTROLLER;
            if ((kafkaPort && !startsBroker()) || (port == PortOption.MONGO && !startsStore()) || port(port) == 0) {
                continue;
            }
            used.add(port);
        }
        return used;
    }

    public static LaunchOptions parse(List<String> args, Map<String, String> environment, Path workingDirectory) {
        Map<PortOption, Integer> ports = new EnumMap<>(PortOption.class);
        for (PortOption port : PortOption.values()) {
            String fromEnvironment = nonBlank(environment.get(port.environmentVariable()));
            ports.put(port, fromEnvironment == null ? port.defaultPort() : portNumber(port, port.environmentVariable(), fromEnvironment));
        }
        String home = nonBlank(environment.get("SABAI_HOME"));
        String data = nonBlank(environment.get("SABAI_DATA"));
        String readyFile = nonBlank(environment.get("SABAI_READY_FILE"));
        String timeout = nonBlank(environment.get("SABAI_START_TIMEOUT"));
        String timeoutSource = "SABAI_START_TIMEOUT";
        String otlpEndpoint = nonBlank(environment.get("SABAI_OTLP_ENDPOINT"));
        String otlpSource = "SABAI_OTLP_ENDPOINT";
        boolean demo = !isTrue(environment.get("SABAI_NO_DEMO"));
        String instances = nonBlank(environment.get("SABAI_INSTANCES"));
        String instancesSource = "SABAI_INSTANCES";
        String jvmOptions = nonBlank(environment.get("SABAI_JVM_OPTIONS"));
        boolean help = false;

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--no-demo" -> demo = false;
                case "--home", "--data", "--ready-file", "--start-timeout", "--otlp-endpoint", "--instances", "--jvm-options" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    switch (name) {
                        case "--home" -> home = value;
                        case "--instances" -> {
                            instances = nonBlank(value);
                            instancesSource = "--instances";
                        }
                        case "--jvm-options" -> jvmOptions = nonBlank(value);
                        case "--data" -> data = value;
                        case "--ready-file" -> readyFile = value;
                        case "--otlp-endpoint" -> {
                            otlpEndpoint = nonBlank(value);
                            otlpSource = "--otlp-endpoint";
                        }
                        default -> {
                            timeout = value;
                            timeoutSource = "--start-timeout";
                        }
                    }
                }
                default -> {
                    PortOption port = PortOption.forOption(name);
                    if (port == null) {
                        throw new OptionsException("Unknown option " + arg + ". " + usageHint());
                    }
                    ports.put(port, portNumber(port, name, inlineValue != null ? inlineValue : valueAfter(args, i++, name)));
                }
            }
        }

        Path homePath = home == null ? workingDirectory : workingDirectory.resolve(home);
        homePath = homePath.toAbsolutePath().normalize();
        Path dataPath = data == null ? homePath.resolve(".sabai") : workingDirectory.resolve(data).toAbsolutePath().normalize();
        Path readyPath = readyFile == null ? dataPath.resolve("run").resolve("ready") : workingDirectory.resolve(readyFile).toAbsolutePath().normalize();
        LaunchOptions options = new LaunchOptions(homePath, dataPath, ports, demo,
                nonBlank(environment.get("KAFKA_BOOTSTRAP_SERVERS")), nonBlank(environment.get("MONGODB_URI")),
                readyPath, timeout == null ? DEFAULT_START_TIMEOUT : seconds(timeoutSource, timeout),
                otlpEndpoint == null ? null : httpUrl(otlpSource, otlpEndpoint),
                instances == null ? Map.of() : instanceCounts(instancesSource, instances),
                jvmOptions == null ? List.of() : List.of(jvmOptions.split("\\s+")), help);
        options.refuseSharedPorts();
        return options;
    }

    private void refuseSharedPorts() {
        Map<Integer, PortOption> seen = new java.util.HashMap<>();
        for (PortOption port : portsInUse()) {
            PortOption other = seen.putIfAbsent(port(port), port);
            if (other != null) {
                throw new OptionsException("Port " + port(port) + " is given to both " + other.purpose() + " (" + other.option()
                        + ") and " + port.purpose() + " (" + port.option() + "); give each its own port.");
            }
        }
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: ./sabai run [options]

                Starts the whole Sabai platform on this machine: a Kafka broker, a MongoDB-protocol store, a
                development mailbox, the identity provider, the three services and the gateway, each in its own JVM.

                Options (each also as an environment variable):
                  --home DIR                 the repository root (SABAI_HOME; default: the current folder)
                  --data DIR                 where data, logs and pid files go (SABAI_DATA; default: <home>/.sabai)
                """);
        for (PortOption port : PortOption.values()) {
            text.append(String.format(Locale.ROOT, "  %-26s %s (%s; default %s)%n",
                    port.option() + " PORT", "port of " + port.purpose(), port.environmentVariable(),
                    port.optional() ? "off" : Integer.toString(port.defaultPort())));
        }
        text.append("""
                  --no-demo                  start without the demo branches, therapists, shifts and users (SABAI_NO_DEMO=true)
                  --ready-file FILE          where to write the gateway URL once ready (SABAI_READY_FILE; default: <data>/run/ready)
                  --start-timeout SECONDS    how long services may take to come up (SABAI_START_TIMEOUT; default 120)
                  --otlp-endpoint URL        send every process's traces to that OTLP/HTTP collector, such as
                                             http://localhost:4318 (SABAI_OTLP_ENDPOINT; default: send none)
                  --instances LIST           more than one instance of a service, such as therapist-service=2; the
                                             instances share the topics' partitions (SABAI_INSTANCES; default: one each)
                  --jvm-options "OPTIONS"    added to every child JVM's options, such as "-XX:TieredStopAtLevel=4"
                                             (SABAI_JVM_OPTIONS)

                KAFKA_BOOTSTRAP_SERVERS=host:port  use that Kafka instead of starting a broker
                MONGODB_URI=mongodb://...          use that MongoDB instead of starting the store
                """);
        return text.toString();
    }

    private static String usageHint() {
        return "See ./sabai help for the options.";
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new OptionsException(option + " needs a value. " + usageHint());
        }
        return args.get(index + 1);
    }

    private static int portNumber(PortOption option, String source, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if ((port >= 1 || option.optional() && port == 0) && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new OptionsException(source + " must be a port number from 1 to 65535, not '" + value + "'.");
    }

    private static Map<String, Integer> instanceCounts(String source, String value) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String[] pair = entry.trim().split("=", 2);
            String service = pair[0].trim();
            if (!SCALABLE_SERVICES.contains(service)) {
                throw new OptionsException(source + " names '" + service + "'; only " + String.join(", ", SCALABLE_SERVICES)
                        + " can run as more than one instance (such as therapist-service=2).");
            }
            int count;
            try {
                count = pair.length == 2 ? Integer.parseInt(pair[1].trim()) : -1;
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > MAX_INSTANCES) {
                throw new OptionsException(source + " must give " + service + " a number of instances from 1 to " + MAX_INSTANCES
                        + ", such as " + service + "=2, not '" + entry.trim() + "'.");
            }
            counts.put(service, count);
        }
        return counts;
    }

    private static Duration seconds(String source, String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new OptionsException(source + " must be a number of seconds above 0, not '" + value + "'.");
    }

    private static String httpUrl(String source, String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new OptionsException(source + " must be an http:// or https:// address such as http://localhost:4318, not '" + value + "'.");
    }

    private static boolean isTrue(String value) {
        return value != null && List.of("true", "1", "yes", "on").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
