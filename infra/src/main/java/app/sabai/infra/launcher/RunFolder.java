package app.sabai.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What a running platform leaves in {@code <data>/run/} for people and tests to find: the launcher's pid,
 * each child's exact command line ({@code <name>.command}, one argument per line, so a fault-injection
 * test can restart a killed process as it was), and the ready file holding the gateway URL. Each child's
 * pid file is written by {@link ChildProcess}.
 */
final class RunFolder {

    private final Path folder;
    private final Path readyFile;

    RunFolder(Path folder, Path readyFile) {
        this.folder = folder;
        this.readyFile = readyFile;
    }

    Path path() {
        return folder;
    }

    /** The pid of another launcher still running from the same data folder, if any. */
    Optional<Long> runningLauncher() {
        try {
            Path pidFile = launcherPidFile();
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("java")).orElse(true))
                    .filter(process -> pid != ProcessHandle.current().pid())
                    .map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Claims the folder for this launcher; a ready file left by an earlier run goes. */
    void claim() {
        try {
            Files.createDirectories(folder);
            deleteQuietly(readyFile);
            Files.writeString(launcherPidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + folder + ": " + e.getMessage(), e);
        }
    }

    void writeCommand(ChildSpec spec) {
        try {
            Files.write(folder.resolve(spec.name() + ".command"), spec.command());
        } catch (IOException ignored) {
            // Only a convenience for tests that restart a killed process.
        }
    }

    /** Written whole or not at all, so a script polling for it never reads half a URL. */
    void markReady(String gatewayUrl) throws IOException {
        Files.createDirectories(readyFile.toAbsolutePath().getParent());
        Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".partial");
        Files.writeString(partial, gatewayUrl);
        Files.move(partial, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void markNotReady() {
        deleteQuietly(readyFile);
    }

    void release() {
        deleteQuietly(readyFile);
        deleteQuietly(launcherPidFile());
    }

    private Path launcherPidFile() {
        return folder.resolve("launcher.pid");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Nothing useful to do about it while stopping.
        }
    }
}
