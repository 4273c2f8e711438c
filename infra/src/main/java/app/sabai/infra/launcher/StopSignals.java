package app.sabai.infra.launcher;

import java.util.List;

/**
 * Ctrl-C (SIGINT) and SIGTERM as requests to stop, handled by the launcher itself rather than by the
 * JVM's default, so it can stop its children in order and still exit with 0.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** False where the JVM offers no signal handling; the shutdown hook then does the stopping. */
    @SuppressWarnings("sunapi")
    static boolean install(Runnable onSignal) {
        try {
            for (String name : List.of("INT", "TERM")) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> onSignal.run());
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
