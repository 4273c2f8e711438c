package app.sabai.infra.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding programs this launcher runs. */
final class Executables {

    private Executables() {
    }

    /** The {@code java} binary of this very JVM, so children run on the same (checked) Java. */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A program on the PATH, or null. */
    static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
