package app.sabai.infra.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * What must hold before anything starts, each failure phrased as what is wrong and how to fix it:
 * a Java 21+ runtime, a Sabai checkout with its jars built, every port free.
 */
public final class Preflight {

    public static final int REQUIRED_JAVA = 21;

    /**
     * @param javaFeature      the feature release of the Java runtime the platform will run on
     * @param javaCommand      its {@code java} binary, to name it in the message
     * @param portInUse        whether something already listens on a local port
     * @param fileExists       whether a file exists
     * @param runningLauncher  the pid of a launcher still running on the same data folder, if any
     */
    public record Environment(int javaFeature, String javaCommand, IntPredicate portInUse, Predicate<Path> fileExists,
                              Optional<Long> runningLauncher) {
    }

    private Preflight() {
    }

    public static List<String> problems(LaunchOptions options, Artifacts artifacts, Environment environment) {
        List<String> problems = new ArrayList<>();
        if (environment.javaFeature() < REQUIRED_JAVA) {
            problems.add("Sabai needs Java " + REQUIRED_JAVA + " or newer, but this is Java " + environment.javaFeature()
                    + " (" + environment.javaCommand() + "). Install a JDK " + REQUIRED_JAVA + "+ (for example Eclipse Temurin "
                    + REQUIRED_JAVA + ") and set JAVA_HOME to it.");
        }
        if (!environment.fileExists().test(options.home().resolve("pom.xml"))) {
            problems.add(options.home() + " is not a Sabai checkout (it has no pom.xml). Run from the repository root or pass --home DIR.");
            return problems;
        }
        if (environment.runningLauncher().isPresent()) {
            long pid = environment.runningLauncher().get();
            problems.add("Sabai is already running from " + options.data() + " (launcher pid " + pid + "). Stop it first"
                    + " (Ctrl-C in its terminal, or kill " + pid + "), or use another --data folder and other ports.");
            return problems; // its ports are taken too, which says nothing more
        }

        List<String> missing = new ArrayList<>();
        for (String module : modules()) {
            Path jar = artifacts.jar(module);
            if (!environment.fileExists().test(jar)) {
                missing.add(artifacts.relative(jar).toString());
            }
        }
        if ((options.startsBroker() || options.startsStore()) && !environment.fileExists().test(artifacts.infraExecJar())) {
            missing.add(artifacts.relative(artifacts.infraExecJar()).toString());
        }
        if (!missing.isEmpty()) {
            problems.add("Sabai is not built yet; missing: " + String.join(", ", missing)
                    + ". Build it with ./mvnw -q -DskipTests package (./sabai run builds when needed).");
        }

        for (PortOption port : options.portsInUse()) {
            int number = options.port(port);
            if (environment.portInUse().test(number)) {
                problems.add("Port " + number + " for " + port.purpose() + " is already in use. Stop what listens there"
                        + " (find it with: lsof -nP -iTCP:" + number + " -sTCP:LISTEN), or choose another port with "
                        + port.option() + " PORT or " + port.environmentVariable() + "=PORT.");
            }
        }
        return problems;
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>(Artifacts.SERVICES);
        modules.add(Artifacts.IDENTITY);
        modules.add(Artifacts.GATEWAY);
        return modules;
    }
}
