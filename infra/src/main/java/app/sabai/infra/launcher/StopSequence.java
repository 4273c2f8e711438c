package app.sabai.infra.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Stops the platform stage by stage: everything in a stage at once (each gets SIGTERM, a grace period,
 * then SIGKILL), and the next stage only when the previous one is gone. Callers order the stages so that
 * nothing is stopped while something still depends on it: gateway, services, store, broker.
 */
public final class StopSequence {

    public record Stopped(String name, ChildProcess.Ending ending) {
    }

    private StopSequence() {
    }

    public static List<Stopped> stop(List<List<ChildProcess>> stages, Duration grace, Consumer<Stopped> onStopped) {
        List<Stopped> all = new ArrayList<>();
        for (List<ChildProcess> stage : stages) {
            List<CompletableFuture<Stopped>> stopping = new ArrayList<>();
            for (ChildProcess child : stage) {
                CompletableFuture<Stopped> future = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    Stopped stopped = new Stopped(child.name(), child.stop(grace));
                    onStopped.accept(stopped);
                    future.complete(stopped);
                }, "stop-" + child.name());
                thread.start();
                stopping.add(future);
            }
            stopping.forEach(future -> all.add(future.join()));
        }
        return all;
    }
}
