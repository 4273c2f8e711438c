package app.sabai.infra.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the built jars of a Sabai checkout are. */
public record Artifacts(Path home, String version) {

    public static final List<String> SERVICES = List.of("booking-service", "therapist-service", "notification-service");
    public static final String GATEWAY = "gateway";
    /** The local OpenID Connect provider, started before the services and the gateway. */
    public static final String IDENTITY = "identity";
    static final String DEFAULT_VERSION = "0.1.0-SNAPSHOT";

    /** The version this launcher was built as (from its jar's manifest), for a checkout at {@code home}. */
    public static Artifacts of(Path home) {
        String version = Artifacts.class.getPackage().getImplementationVersion();
        return new Artifacts(home, version == null ? DEFAULT_VERSION : version);
    }

    /** {@code <home>/<module>/target/<module>-<version>.jar}: the runnable jar of a service, the gateway or identity. */
    public Path jar(String module) {
        return home.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    /**
     * The runnable infra jar that starts the broker and the store: the one this JVM runs from when it
     * was started with {@code java -jar}, else the one in the checkout.
     */
    public Path infraExecJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator)) {
            Path running = Path.of(classPath).toAbsolutePath();
            if (running.getFileName().toString().matches("infra-.+-exec\\.jar") && Files.isRegularFile(running)) {
                return running;
            }
        }
        return home.resolve("infra").resolve("target").resolve("infra-" + version + "-exec.jar");
    }

    /**
     * {@code <home>/.sabai-cache}: the extracted jars and class-data archives of this checkout's builds
     * ({@link StartupCache}). Outside {@code target/}, so that {@code mvn clean} does not take the classes of a platform
     * still running from under it.
     */
    public Path startCache() {
        return home.resolve(".sabai-cache");
    }

    public Path relative(Path path) {
        return path.startsWith(home) ? home.relativize(path) : path;
    }
}
