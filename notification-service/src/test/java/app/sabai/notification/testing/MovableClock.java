package app.sabai.notification.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in the flow tests: real time, moved ahead when a test stands later in time (after a
 * downtime, at the end of quiet hours). A test that moves it puts it back when it ends. Whoever registered with
 * {@link #whenMoved} is told after each move: what would have run in the time skipped (the dispatcher's periodic
 * look for due messages) runs then.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);
    private final List<Runnable> moveListeners = new CopyOnWriteArrayList<>();

    public void moveAhead(Duration by) {
        ahead.updateAndGet(current -> current.plus(by));
        moved();
    }

    /** Moves ahead to {@code moment} (from real time). */
    public void standAt(Instant moment) {
        ahead.set(Duration.between(Instant.now(), moment));
        moved();
    }

    public void reset() {
        ahead.set(Duration.ZERO);
        moved();
    }

    public void whenMoved(Runnable listener) {
        moveListeners.add(listener);
    }

    private void moved() {
        moveListeners.forEach(Runnable::run);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service's clock stays in UTC");
    }
}
