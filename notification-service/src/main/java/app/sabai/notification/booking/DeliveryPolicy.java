package app.sabai.notification.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How delivery copes with failure: a failed attempt is retried after {@code firstRetryDelay}, doubling,
 * until {@code maxAttempts}; a claim not reported back within {@code lease} counts as interrupted and is
 * tried again under the same message id, and counts as an attempt too.
 */
public record DeliveryPolicy(int maxAttempts, Duration firstRetryDelay, Duration lease) {

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (firstRetryDelay.isNegative() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("retry delay and lease must be positive");
        }
    }

    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** When to try again after {@code attemptsSoFar} failed attempts; empty when it is time to give up. */
    public Optional<Instant> retryAt(int attemptsSoFar, Instant now, Instant notAfter) {
        if (attemptsSoFar >= maxAttempts) {
            return Optional.empty();
        }
        Instant next = now.plus(firstRetryDelay.multipliedBy(1L << Math.min(attemptsSoFar - 1, 20)));
        return notAfter != null && !next.isBefore(notAfter) ? Optional.empty() : Optional.of(next);
    }

    public Instant leaseFrom(Instant claimedAt) {
        return claimedAt.plus(lease);
    }
}
