package app.sabai.gateway.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The operations console's backend: how many of each dead-letter partition's latest records are listed, after how
 * long a booking request without a decision counts as stuck, how many requests and branches the in-memory window
 * follows at most, and how long a reading of the consumer groups' lag is kept.
 */
@ConfigurationProperties("sabai.gateway.ops-console")
public record OpsConsoleProperties(
        @DefaultValue("20") int deadLettersPerPartition,
        @DefaultValue("60s") Duration stuckAfter,
        @DefaultValue("10000") int maxOpenRequests,
        @DefaultValue("500") int maxBranches,
        @DefaultValue("5s") Duration lagKeptFor) {
}
