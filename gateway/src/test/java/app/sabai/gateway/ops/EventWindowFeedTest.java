package app.sabai.gateway.ops;

import app.sabai.gateway.testing.Topics;
import app.sabai.infra.testsupport.SharedInfrastructure;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operations window's consumer, on the test JVM's broker: started and stopped as the gateway starts and stops. */
class EventWindowFeedTest {

    /** The window's consumer threads alive now: other tests' gateways in this JVM have theirs. */
    private static Set<Thread> windowThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("gateway-ops-window") && thread.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void aStopWhileAFetchWaitsEndsTheConsumerWithoutAnErrorFromTheKafkaClient() throws Exception {
        String servers = SharedInfrastructure.get().bootstrapServers();
        // As the gateway's other tests make it, so that the window has a partition to fetch from.
        Topics.ensure("sabai.bookings");
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(servers));
        EventWindowFeed feed = new EventWindowFeed(kafka, new OpsConsoleProperties(20, Duration.ofSeconds(60), 10_000, 500,
                Duration.ofSeconds(5)));
        Logger kafkaLogs = (Logger) LoggerFactory.getLogger("org.apache.kafka");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        kafkaLogs.addAppender(logged);
        Set<Thread> others = windowThreads();
        try {
            feed.start();
            Thread following = await().atMost(Duration.ofSeconds(30)).until(
                    () -> windowThreads().stream().filter(thread -> !others.contains(thread)).findFirst().orElse(null), Objects::nonNull);
            // The window's fetches wait up to 5 s at the broker for 64 KB: a stop finds one waiting, as at the gateway's.
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

            feed.stop();

            assertThat(feed.isRunning()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> !following.isAlive());
            assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            kafkaLogs.detachAppender(logged);
            feed.stop();
        }
    }
}
