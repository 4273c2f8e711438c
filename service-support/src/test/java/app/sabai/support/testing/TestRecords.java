package app.sabai.support.testing;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.infra.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A plain Kafka client for tests, independent of the service under test: publishes events the way a
 * relay would (CloudEvents headers, JSON value), raw poison records, and reads topics from the start.
 */
public final class TestRecords {

    private TestRecords() {
    }

    public static void publish(String topic, SabaiEvent event) {
        publish(topic, event, TraceParent.newRoot());
    }

    /** Publishes the event as part of the given trace, as a service working for that trace would. */
    public static void publish(String topic, SabaiEvent event, TraceParent trace) {
        Map<String, String> headers = CloudEventHeaders.of(event, CloudEventHeaders.sourceOf("test"), trace);
        publishRaw(topic, event.key(), SabaiJson.mapper().writeValueAsBytes(event), headers);
    }

    public static void publishRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Every record on the topic from the beginning, read until one matches or the timeout passes. */
    public static Optional<ConsumerRecord<String, byte[]>> find(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                                Duration timeout) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** All records on the topic that match, read from the beginning for the given time. */
    public static List<ConsumerRecord<String, byte[]>> all(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                           Duration readFor) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        find(topic, record -> {
            if (wanted.test(record)) {
                found.add(record);
            }
            return false;
        }, readFor);
        return found;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
