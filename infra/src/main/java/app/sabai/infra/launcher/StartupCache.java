package app.sabai.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes the platform's JVMs start faster from the second run on. Each built jar is extracted once into
 * {@code <data>/cache/<module>/} (again only when the build changes it), and each JVM keeps a dynamic
 * class-data-sharing archive of the classes it loaded ({@code <data>/cache/<child>.jsa}, written when it
 * first exits, checked and rewritten by the JVM itself whenever it no longer matches). On two cores this
 * roughly halves the time a Spring Boot service needs to start. When extracting fails, the jar runs as built.
 */
final class StartupCache implements PlatformPlan.JarRunner {

    private final Path folder;
    private final Map<Path, Path> runnable = new ConcurrentHashMap<>();

    StartupCache(Path folder) {
        this.folder = folder;
    }

    /** Extracts every jar that changed since the last run, in parallel; reports jars that had to be left as built. */
    void prepare(List<Path> builtJars, Consumer<String> onProblem) {
        CompletableFuture.allOf(builtJars.stream()
                .map(jar -> CompletableFuture.runAsync(() -> runnable.put(jar, extracted(jar, onProblem))))
                .toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public Path jar(Path built) {
        return runnable.getOrDefault(built, built);
    }

    @Override
    public List<String> jvmOptions(String child) {
        return List.of("-XX:SharedArchiveFile=" + folder.resolve(child + ".jsa"), "-XX:+AutoCreateSharedArchive");
    }

    private Path extracted(Path built, Consumer<String> onProblem) {
        String module = built.getFileName().toString().replaceFirst("\\.jar$", "");
        Path target = folder.resolve(module);
        Path thin = target.resolve(built.getFileName());
        try {
            String stamp = built.toAbsolutePath() + "\n" + Files.size(built) + "\n" + Files.getLastModifiedTime(built).toMillis();
            Path stampFile = target.resolve("built-from");
            if (Files.isRegularFile(thin) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
                return thin;
            }
            Path partial = folder.resolve(module + ".partial-" + UUID.randomUUID());
            ThinJar.extract(built, partial);
            Files.writeString(partial.resolve("built-from"), stamp);
            deleteTree(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return thin;
        } catch (IOException | RuntimeException e) {
            onProblem.accept("Could not prepare " + built.getFileName() + " for a faster start (" + e.getMessage() + "); running it as built.");
            return built;
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
