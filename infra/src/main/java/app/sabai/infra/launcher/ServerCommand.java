package app.sabai.infra.launcher;

import app.sabai.infra.kafka.EmbeddedKafkaBroker;
import app.sabai.infra.mongo.EmbeddedMongoStore;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code broker} and {@code store}: one piece of infrastructure in this JVM until it is stopped (SIGTERM
 * closes it cleanly through a shutdown hook) or until the launcher named by {@code --parent-pid} is gone.
 */
public final class ServerCommand {

    /**
     * Six partitions per topic locally, so that two instances of a service share the work (production has twelve).
     * The services create their topics with the same count ({@code sabai.kafka.partitions}).
     */
    static final int LOCAL_PARTITIONS = 6;

    private ServerCommand() {
    }

    public static void broker(List<String> args) {
        Map<String, String> options = parse(args, Set.of("--port", "--controller-port", "--data", "--parent-pid"),
                Set.of("--port", "--controller-port", "--data"), "broker --port 9092 --controller-port 9093 --data DIR [--parent-pid PID]");
        int port = Integer.parseInt(options.get("--port"));
        int controllerPort = Integer.parseInt(options.get("--controller-port"));
        Path data = Path.of(options.get("--data")).toAbsolutePath();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", port, controllerPort, data, LOCAL_PARTITIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-stop"));
        System.out.println("Kafka broker (KRaft) listening on " + broker.bootstrapServers() + ", controller on port "
                + controllerPort + ", data in " + data);
        runUntilStopped(options.get("--parent-pid"));
    }

    public static void store(List<String> args) {
        Map<String, String> options = parse(args, Set.of("--port", "--data", "--parent-pid"), Set.of("--port", "--data"),
                "store --port 27017 --data FILE [--parent-pid PID]");
        int port = Integer.parseInt(options.get("--port"));
        Path data = Path.of(options.get("--data")).toAbsolutePath();
        EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", port, data);
        Runtime.getRuntime().addShutdownHook(new Thread(store::close, "store-stop"));
        System.out.println("MongoDB-protocol store listening on mongodb://localhost:" + store.port() + ", data in " + data);
        runUntilStopped(options.get("--parent-pid"));
    }

    private static void runUntilStopped(String parentPid) {
        if (parentPid != null) {
            long pid = Long.parseLong(parentPid);
            ProcessHandle.of(pid).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> exitBecauseParentIsGone(pid)),
                    () -> exitBecauseParentIsGone(pid));
        }
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exitBecauseParentIsGone(long pid) {
        System.out.println("Launcher process " + pid + " is gone; shutting down");
        System.exit(0);
    }

    static Map<String, String> parse(List<String> args, Set<String> known, Set<String> required, String usage) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new OptionsException(name + " needs a value. Usage: " + usage);
            }
            if (!known.contains(name)) {
                throw new OptionsException("Unknown option " + name + ". Usage: " + usage);
            }
            options.put(name, value);
        }
        for (String option : required) {
            if (!options.containsKey(option)) {
                throw new OptionsException("Missing " + option + ". Usage: " + usage);
            }
        }
        for (String numeric : List.of("--port", "--controller-port", "--parent-pid")) {
            String value = options.get(numeric);
            if (value != null && !value.matches("\\d{1,10}")) {
                throw new OptionsException(numeric + " must be a number, not '" + value + "'. Usage: " + usage);
            }
        }
        return options;
    }
}
