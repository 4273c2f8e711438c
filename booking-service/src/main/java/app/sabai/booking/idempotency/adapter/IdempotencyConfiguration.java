package app.sabai.booking.idempotency.adapter;

import app.sabai.support.lifecycle.PeriodicSweep;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

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

    /** Every hour (and at the start) the day collections past their 24 hours are dropped whole. */
    @Bean
    PeriodicSweep idempotencyCleanup(IdempotencyKeys keys, Clock clock) {
        return PeriodicSweep.of("idempotency-cleanup", Duration.ZERO, Duration.ofHours(1),
                "Dropping expired Idempotency-Key collections", () -> keys.dropExpired(clock.instant()));
    }
}
