package app.sabai.infra.launcher;

import java.net.URI;

/** How the launcher tells that a child it started is ready for work. */
public sealed interface Readiness {

    /** A Kafka broker that answers an Admin {@code describeCluster}. */
    record KafkaAnswers(String bootstrapServers) implements Readiness {
    }

    /** A server that accepts TCP connections on a local port. */
    record AcceptsConnections(int port) implements Readiness {
    }

    /**
     * A Spring Boot service whose {@code /actuator/health} is UP and, when {@code minCatalogueBranches} is
     * above 0, whose {@code catalogue} health component reports at least that many branches.
     */
    record HealthUp(URI health, int minCatalogueBranches) implements Readiness {
    }
}
