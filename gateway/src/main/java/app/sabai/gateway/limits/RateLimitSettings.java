package app.sabai.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code sabai.gateway.rate-limit.*}: how many requests a client may make. Every client has a bucket of
 * {@code capacity} requests, refilled at {@code refill-per-second}; {@code POST /auth/token} has its own, much
 * smaller bucket per address, against password guessing. At most {@code max-clients} buckets are kept.
 */
@ConfigurationProperties("sabai.gateway.rate-limit")
public record RateLimitSettings(
        @DefaultValue("100") long capacity,
        @DefaultValue("50") long refillPerSecond,
        @DefaultValue TokenEndpoint tokenEndpoint,
        @DefaultValue("10000") int maxClients) {

    public RateLimitSettings {
        if (capacity < 1 || refillPerSecond < 1 || maxClients < 1) {
            throw new IllegalArgumentException("sabai.gateway.rate-limit: capacity, refill-per-second and max-clients must be at least 1");
        }
    }

    /** @param capacity tries per address, refilled evenly over {@code period} */
    public record TokenEndpoint(@DefaultValue("10") long capacity, @DefaultValue("1m") Duration period) {

        public TokenEndpoint {
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("sabai.gateway.rate-limit.token-endpoint: capacity must be at least 1 and period above zero");
            }
        }
    }
}
