package app.sabai.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A process the launcher started: its output goes to {@code <logs>/<name>.log} (the previous run's log
 * is kept as {@code <name>.log.1}) and its pid to {@code <run>/<name>.pid}, which is removed when the
 * launcher stops it.
 */
public final class ChildProcess {

    /** How it ended when stopped: on the polite signal, or killed after the grace period. */
    public enum Ending { STOPPED, KILLED, ALREADY_GONE }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                                     Path workingDirectory, Path logDirectory, Path runDirectory) {
        try {
            Files.createDirectories(logDirectory);
            Files.createDirectories(runDirectory);
            Path logFile = logDirectory.resolve(name + ".log");
            if (Files.exists(logFile)) {
                Files.move(logFile, logDirectory.resolve(name + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            Path pidFile = runDirectory.resolve(name + ".pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new ChildProcess(name, process, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once it has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    public Path logFile() {
        return logFile;
    }

    /** True once the launcher began stopping it: its exit is then expected. */
    public boolean stopping() {
        return stopping;
    }

    public CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(ended -> this);
    }

    /** SIGTERM, up to {@code grace} to finish, then SIGKILL. */
    public Ending stop(Duration grace) {
        stopping = true;
        try {
            if (!process.isAlive()) {
                return Ending.ALREADY_GONE;
            }
            process.destroy();
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return Ending.STOPPED;
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return Ending.KILLED;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Ending.KILLED;
        } finally {
            forgetPid();
        }
    }

    /** SIGKILL at once: for a second Ctrl-C, when the user will not wait. */
    public void kill() {
        stopping = true;
        process.destroyForcibly();
        forgetPid();
    }

    private void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale pid file is harmless: the next start overwrites it.
        }
    }
}
