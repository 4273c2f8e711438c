package app.sabai.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code sabai.*} settings every service shares.
 *
 * @param kafka  topic layout: 6 partitions and replication 1 locally (two instances of a service get three each),
 *               12 and 3 in production; and how long a producer waits for more records to send with one
 *               ({@code linger}, none: the outbox relay already sends together what is queued while it sends)
 * @param outbox how often the relay sweeps for entries a crash or another instance left behind (30 s), and how long
 *               a send may take
 */
@ConfigurationProperties("sabai")
public record SabaiServiceProperties(Kafka kafka, Outbox outbox) {

    public static final int LOCAL_PARTITIONS = 6;
    /**
     * The outbox sweep is a safety net (writers nudge the relay, a failed relay retries in a second), so it looks
     * rarely: each look is a query per outbox collection, the idle platform's most frequent store work.
     */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);

    public SabaiServiceProperties {
        kafka = kafka == null ? new Kafka(LOCAL_PARTITIONS, 1, Duration.ZERO) : kafka;
        outbox = outbox == null ? new Outbox(DEFAULT_SWEEP_INTERVAL, Duration.ofSeconds(10)) : outbox;
    }

    public record Kafka(int partitions, int replicationFactor, Duration linger) {
        public Kafka {
            partitions = partitions <= 0 ? LOCAL_PARTITIONS : partitions;
            replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
            linger = linger == null || linger.isNegative() ? Duration.ZERO : linger;
        }
    }

    public record Outbox(Duration sweepInterval, Duration sendTimeout) {
        public Outbox {
            sweepInterval = sweepInterval == null ? DEFAULT_SWEEP_INTERVAL : sweepInterval;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        }
    }
}
