package app.sabai.support.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work that runs every {@code interval} while the application runs, on a daemon thread of its own: a sweep that
 * finishes what events and nudges left (a decision overdue, an offer expired, an outbox a crash left full). A run
 * that fails is logged and the next one tries again; stopping interrupts a run in progress. Subclass it and implement
 * {@link #sweepOnce()}, or make one from a function with {@link #of}.
 */
public abstract class PeriodicSweep implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final Duration initialDelay;
    private final Duration interval;
    private final String purpose;
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;

    /**
     * @param threadName the thread's name, as thread dumps show it
     * @param initialDelay from the start to the first run
     * @param interval from the end of one run to the start of the next
     * @param purpose what a run does, for the log line of a failure ("Looking over the open offers")
     */
    protected PeriodicSweep(String threadName, Duration initialDelay, Duration interval, String purpose) {
        this.threadName = threadName;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.purpose = purpose;
    }

    /** A sweep that runs {@code work}. */
    public static PeriodicSweep of(String threadName, Duration initialDelay, Duration interval, String purpose, Runnable work) {
        return new PeriodicSweep(threadName, initialDelay, interval, purpose) {
            @Override
            protected void sweepOnce() {
                work.run();
            }
        };
    }

    /** One run. */
    protected abstract void sweepOnce();

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor = started;
        running = true;
        started.scheduleWithFixedDelay(this::sweepQuietly, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService current = executor;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void sweepQuietly() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed, the next run retries in {}: {}", purpose, interval, e.toString());
        }
    }
}
