package app.sabai.infra;

import app.sabai.infra.launcher.LaunchOptions;
import app.sabai.infra.launcher.Launcher;
import app.sabai.infra.launcher.OptionsException;
import app.sabai.infra.launcher.ServerCommand;
import app.sabai.infra.watch.TopicWatcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The runnable infra jar: {@code run} starts the whole platform locally; {@code broker} and
 * {@code store} run one piece of infrastructure each (the launcher starts them as their own JVMs);
 * {@code watch} prints the platform's events as they happen.
 */
public final class SabaiInfra {

    private static final String LAUNCHER_LOGGING = "app/sabai/infra/launcher/launcher-logback.xml";
    private static final String SERVER_LOGGING = "app/sabai/infra/launcher/server-logback.xml";

    private SabaiInfra() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        // Chosen before anything logs: quiet for the launcher's terminal, informative in the servers' log files.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", command.equals("run") || command.equals("watch") ? LAUNCHER_LOGGING : SERVER_LOGGING);
        }
        try {
            switch (command) {
                case "run" -> System.exit(run(rest));
                case "broker" -> ServerCommand.broker(rest);
                case "store" -> ServerCommand.store(rest);
                case "watch" -> TopicWatcher.main(rest);
                case "help", "--help", "-h" -> System.out.print(help());
                default -> {
                    System.err.println("Unknown command '" + command + "'.");
                    System.err.print(help());
                    System.exit(2);
                }
            }
        } catch (OptionsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static int run(List<String> args) {
        LaunchOptions options = LaunchOptions.parse(args, System.getenv(), Path.of("").toAbsolutePath());
        if (options.help()) {
            System.out.print(LaunchOptions.usage());
            return 0;
        }
        return new Launcher(options, System.out).run();
    }

    static String help() {
        return """
                Sabai infrastructure

                  run [options]      start the whole platform locally (see: run --help)
                  broker --port 9092 --controller-port 9093 --data DIR [--parent-pid PID]
                                     run the embedded Kafka broker (KRaft) until stopped
                  store --port 27017 --data FILE [--parent-pid PID]
                                     run the embedded MongoDB-protocol store (on disk) until stopped
                  watch [--from-beginning] [--bootstrap-servers HOST:PORT] [TOPIC...]
                                     print the records of the platform's topics (all of them by default)
                                     with their CloudEvents headers as they arrive
                  help               this text

                """ + LaunchOptions.usage();
    }
}
