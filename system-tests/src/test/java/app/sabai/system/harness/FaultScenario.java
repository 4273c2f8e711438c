package app.sabai.system.harness;

import java.util.List;

/**
 * One row of the fault matrix: how the platform is started, the steady load it is given, and what is done to it once
 * the load has sent so many bookings. {@code caught} names the promise a scenario breaks on purpose (a guard switched
 * off), which the accounting must then report; null for every scenario that must keep them all.
 */
public record FaultScenario(String name, String description, List<String> launcherOptions, int bookings, int perSecond,
                            List<Step> steps, String caught) {

    public FaultScenario {
        launcherOptions = List.copyOf(launcherOptions);
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Something done to the running platform once the load has sent {@code afterSent} bookings. */
    public record Step(int afterSent, Action action) {
    }

    @FunctionalInterface
    public interface Action {
        void apply(FaultRun run) throws Exception;
    }

    public static Step after(int sent, Action action) {
        return new Step(sent, action);
    }
}
