package app.sabai.notification.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code sabai.dispatch.*}: how often the dispatcher looks for due messages and how many bookings it
 * takes per look; how delivery failures are retried; how long a claim may go unreported before the
 * message counts as interrupted and is sent again under the same id.
 */
@ConfigurationProperties("sabai.dispatch")
public record DispatchProperties(Duration interval, int batchSize, int maxAttempts, Duration firstRetryDelay, Duration lease) {

    public DispatchProperties {
        interval = interval == null ? Duration.ofSeconds(1) : interval;
        batchSize = batchSize <= 0 ? 50 : batchSize;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        firstRetryDelay = firstRetryDelay == null ? Duration.ofSeconds(30) : firstRetryDelay;
        lease = lease == null ? Duration.ofMinutes(5) : lease;
    }
}
