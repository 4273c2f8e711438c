package app.sabai.gateway.ops;

import app.sabai.infra.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tail on the test JVM's broker: a topic that does not exist yet is waited for, not a failure. */
class TopicTailTest {

    @Test
    void aTopicThatDoesNotExistYetIsFollowedFromItsBeginningOnceItAppears() throws Exception {
        String topic = "tail-later-" + UUID.randomUUID();
        List<String> values = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        TopicTail tail = new TopicTail(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "tail-test-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Set.of(topic), Duration.ZERO, partitions -> { }, (ConsumerRecord<String, byte[]> record) -> values.add(new String(record.value())),
                failures::add);
        Thread thread = Thread.ofPlatform().daemon().start(tail);
        try {
            Thread.sleep(1_000);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "k", "first")).get();
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(values).containsExactly("first"));
            assertThat(failures).isEmpty();
        } finally {
            tail.stop();
            thread.join(10_000);
        }
        assertThat(thread.isAlive()).as("stopped while waiting or polling").isFalse();
    }

    private static String bootstrapServers() {
        return SharedInfrastructure.get().bootstrapServers();
    }
}
