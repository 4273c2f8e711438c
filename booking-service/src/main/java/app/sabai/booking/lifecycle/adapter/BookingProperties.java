package app.sabai.booking.lifecycle.adapter;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code sabai.booking.*}: how long a request may wait for therapist-service's decision before staff are asked to
 * look at it ({@code decision-timeout}, default 2 minutes), and how often the requests waiting are looked over
 * ({@code decision-sweep-interval}, default 15 seconds).
 */
@ConfigurationProperties("sabai.booking")
public record BookingProperties(Duration decisionTimeout, Duration decisionSweepInterval) {

    public BookingProperties {
        decisionTimeout = decisionTimeout == null || decisionTimeout.isNegative() || decisionTimeout.isZero()
                ? Duration.ofMinutes(2) : decisionTimeout;
        decisionSweepInterval = decisionSweepInterval == null || decisionSweepInterval.isNegative() || decisionSweepInterval.isZero()
                ? Duration.ofSeconds(15) : decisionSweepInterval;
    }
}
