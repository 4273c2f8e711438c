package app.sabai.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code sabai.*} settings every service shares.
 *
 * @param kafka  topic layout: 6 partitions and replication 1 locally (two instances of a service get three each),
 *               12 and 3 in production
 * @param outbox how often the relay sweeps for entries a crash left behind, and how long a send may take
 */
@ConfigurationProperties("sabai")
public record SabaiServiceProperties(Kafka kafka, Outbox outbox) {

    public static final int LOCAL_PARTITIONS = 6;

    public SabaiServiceProperties {
        kafka = kafka == null ? new Kafka(LOCAL_PARTITIONS, 1) : kafka;
        outbox = outbox == null ? new Outbox(Duration.ofSeconds(2), Duration.ofSeconds(10)) : outbox;
    }

    public record Kafka(int partitions, int replicationFactor) {
        public Kafka {
            partitions = partitions <= 0 ? LOCAL_PARTITIONS : partitions;
            replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
        }
    }

    public record Outbox(Duration sweepInterval, Duration sendTimeout) {
        public Outbox {
            sweepInterval = sweepInterval == null ? Duration.ofSeconds(2) : sweepInterval;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        }
    }
}
