package app.sabai.booking.idempotency.adapter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which commands honour an {@code Idempotency-Key} through {@link IdempotencyFilter} (every POST but
 * {@code POST /api/bookings}, which keeps its own, stored with the booking), and the hourly drop of day collections nobody can look up any more:
 * it lists collection names, never documents.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    static final List<String> COMMAND_PATHS = List.of(
            "/api/bookings/{bookingId}/cancellation",
            "/api/bookings/{bookingId}/reschedule",
            "/api/branches/{branchId}/bookings/{bookingId}/cancellation",
            "/api/branches/{branchId}/bookings/{bookingId}/reschedule",
            "/api/branches/{branchId}/bookings/{bookingId}/no-show",
            "/api/branches/{branchId}/bookings/{bookingId}/completion",
            "/api/courses",
            "/api/courses/{courseId}/cancellation",
            "/api/waitlist",
            "/api/waitlist/{waitlistId}/acceptance",
            "/api/waitlist/{waitlistId}/decline");

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, Clock clock, JsonMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(COMMAND_PATHS, keys, clock, json));
        registration.addUrlPatterns("/api/*");
        // After the security filters: a key is claimed only for a caller who may make the request, and is theirs alone.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    @Bean
    SmartLifecycle idempotencyCleanup(IdempotencyKeys keys, Clock clock) {
        return new SmartLifecycle() {
            private final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
            private ScheduledExecutorService executor;
            private volatile boolean running;

            @Override
            public void start() {
                executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "idempotency-cleanup");
                    thread.setDaemon(true);
                    return thread;
                });
                executor.scheduleWithFixedDelay(() -> {
                    try {
                        keys.dropExpired(clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("Dropping expired Idempotency-Key collections failed, the next run retries: {}", e.toString());
                    }
                }, 0, 1, TimeUnit.HOURS);
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                if (executor != null) {
                    executor.shutdownNow();
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
