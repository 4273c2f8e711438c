package app.sabai.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code sabai.*} settings every service shares.
 *
 * @param kafka  topic layout: 3 partitions and replication 1 locally, 12 and 3 in production
 * @param outbox how often the relay sweeps for entries a crash left behind, and how long a send may take
 */
@ConfigurationProperties("sabai")
public record SabaiServiceProperties(Kafka kafka, Outbox outbox) {

    public SabaiServiceProperties {
        kafka = kafka == null ? new Kafka(3, 1) : kafka;
        outbox = outbox == null ? new Outbox(Duration.ofSeconds(2), Duration.ofSeconds(10)) : outbox;
    }

    public record Kafka(int partitions, int replicationFactor) {
        public Kafka {
            partitions = partitions <= 0 ? 3 : partitions;
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
