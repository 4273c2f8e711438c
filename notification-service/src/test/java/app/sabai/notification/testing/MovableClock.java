package app.sabai.notification.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in the flow tests: real time, moved ahead when a test stands later in time (after a
 * downtime, at the end of quiet hours). A test that moves it puts it back when it ends.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    public void moveAhead(Duration by) {
        ahead.updateAndGet(current -> current.plus(by));
    }

    /** Moves ahead to {@code moment} (from real time). */
    public void standAt(Instant moment) {
        ahead.set(Duration.between(Instant.now(), moment));
    }

    public void reset() {
        ahead.set(Duration.ZERO);
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
