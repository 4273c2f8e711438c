package app.sabai.infra.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes the platform's JVMs start faster. Each built jar is extracted once into a folder named after the build of it
 * ({@code <module>@<size>-<modified>/}), and each JVM keeps a dynamic class-data-sharing archive of the classes it
 * loaded there ({@code <child>.jdk-<version>.jsa}, written by the JVM when it first exits). On two cores a Spring Boot
 * service then starts on a third of the CPU.
 * <p>
 * The cache belongs to the build, not to a data folder ({@link Artifacts#startCache()}): a platform started on a fresh
 * data folder finds the archives an earlier run of the same build left, as a test or a benchmark does each time. Every
 * launcher holds a shared lock on the folder while it runs. Extractions of earlier builds are deleted only by a
 * launcher that finds no other holding it, since a platform still running may load classes from them. Two launchers
 * extracting the same build at once each extract aside and the first to move its copy into place wins. When the folder
 * cannot be used, the jars run as built.
 */
final class StartupCache implements PlatformPlan.JarRunner, AutoCloseable {

    private static final String LOCK_FILE = "in-use";

    private final Path folder;
    private final Map<Path, Path> runnable = new ConcurrentHashMap<>();
    private FileChannel lockChannel;

    StartupCache(Path folder) {
        this.folder = folder;
    }

    /**
     * Takes the folder for this launcher, removes earlier builds' extractions where no other launcher runs, and extracts
     * every jar of this build not yet extracted, in parallel; reports jars that had to be left as built.
     */
    void prepare(List<Path> builtJars, Consumer<String> onProblem) {
        try {
            Files.createDirectories(folder);
            lockChannel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try (FileLock alone = lockChannel.tryLock(0, Long.MAX_VALUE, false)) {
                if (alone != null) {
                    removeAllBut(builtJars.stream().map(StartupCache::buildFolderName).collect(Collectors.toSet()));
                }
            }
            lockChannel.lock(0, Long.MAX_VALUE, true);
        } catch (IOException | RuntimeException e) {
            onProblem.accept("Could not use " + folder + " for a faster start (" + e.getMessage() + "); running the jars as built.");
            return;
        }
        CompletableFuture.allOf(builtJars.stream()
                .map(jar -> CompletableFuture.runAsync(() -> runnable.put(jar, extracted(jar, onProblem))))
                .toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public Path jar(Path built) {
        return runnable.getOrDefault(built, built);
    }

    /**
     * The archive of a child lies in its jar's extraction, one per JDK: the JVM writes one where there is none, but an
     * archive whose class path no longer matches (a jar built again) it neither uses nor writes again.
     */
    @Override
    public List<String> jvmOptions(String child, Path built) {
        Path runnable = jar(built);
        if (runnable.equals(built)) {
            return List.of();
        }
        Path archive = runnable.resolveSibling(child + ".jdk-" + Runtime.version() + ".jsa");
        return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
    }

    /** Lets another launcher remove what this one no longer runs; the end of the process does the same. */
    @Override
    public void close() {
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException e) {
                // The lock goes with the process at the latest.
            }
        }
    }

    /**
     * Deletes the cache a data folder kept before the cache was the build's ({@code <data>/cache}: extracted jars and
     * archives of about a gigabyte that nothing reads any more). Called by the launcher that holds the data folder.
     */
    static void removeFromDataFolder(Path data, Consumer<String> onProblem) {
        Path earlier = data.resolve("cache");
        try {
            deleteTree(earlier);
        } catch (IOException | RuntimeException e) {
            onProblem.accept("Could not remove " + earlier + ", which nothing uses any more (" + e.getMessage() + ").");
        }
    }

    /** {@code booking-service-0.1.0-SNAPSHOT@104857600-1764662400000}: one build of a jar. */
    static String buildFolderName(Path built) {
        String module = built.getFileName().toString().replaceFirst("\\.jar$", "");
        try {
            return module + "@" + Files.size(built) + "-" + Files.getLastModifiedTime(built).toMillis();
        } catch (IOException e) {
            return module + "@unreadable";
        }
    }

    private Path extracted(Path built, Consumer<String> onProblem) {
        Path target = folder.resolve(buildFolderName(built));
        Path thin = target.resolve(built.getFileName());
        Path partial = folder.resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            if (Files.isRegularFile(thin)) {
                return thin;
            }
            ThinJar.extract(built, partial);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException notMoved) {
                if (!Files.isRegularFile(thin)) {
                    throw notMoved;
                }
                deleteTree(partial); // another launcher's copy of the same build was first
            }
            return thin;
        } catch (IOException | RuntimeException e) {
            onProblem.accept("Could not prepare " + built.getFileName() + " for a faster start (" + e.getMessage() + "); running it as built.");
            try {
                deleteTree(partial);
            } catch (IOException ignored) {
                // Left aside; the next launcher alone removes it.
            }
            return built;
        }
    }

    /** Deletes everything but the lock and these builds' extractions (their archives in them). */
    private void removeAllBut(Set<String> builds) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(LOCK_FILE) && !builds.contains(name)) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
