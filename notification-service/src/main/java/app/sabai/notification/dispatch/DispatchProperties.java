package app.sabai.notification.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code sabai.dispatch.*}: how often the safety-net query looks for due messages ({@code interval}) and how many
 * bookings it takes per look ({@code batch-size}); how far ahead the dispatcher keeps due times in memory
 * ({@code horizon}, never less than the interval, so what the query finds is held until its time) and how many
 * ({@code capacity}); how delivery failures are retried; how long a claim may go unreported before the message
 * counts as interrupted and is sent again under the same id.
 */
@ConfigurationProperties("sabai.dispatch")
public record DispatchProperties(Duration interval, int batchSize, int maxAttempts, Duration firstRetryDelay, Duration lease,
                                 Duration horizon, int capacity) {

    public DispatchProperties {
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        batchSize = batchSize <= 0 ? 200 : batchSize;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        firstRetryDelay = firstRetryDelay == null ? Duration.ofSeconds(30) : firstRetryDelay;
        lease = lease == null ? Duration.ofMinutes(5) : lease;
        horizon = horizon == null ? Duration.ofMinutes(10) : horizon;
        horizon = horizon.compareTo(interval) < 0 ? interval : horizon;
        capacity = capacity <= 0 ? 10_000 : capacity;
    }
}
