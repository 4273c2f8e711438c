package app.sabai.gateway.ops;

import app.sabai.contracts.Topic;
import app.sabai.contracts.envelope.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dead-letter topics ({@code <topic>-dlt}) as operations see them: the latest records of each partition, read with
 * a short-lived consumer that seeks to a few records before the end (never the whole topic), and the replay of one
 * record to the topic it came from. The replay is the record as it was (key, value, CloudEvents headers, so
 * {@code ce_id} and the consumers' applied-event guards make a second replay change nothing) without the dead-letter
 * headers, plus {@value #REPLAYED_FROM} saying where it was replayed from.
 */
@Component
class DeadLetters implements DisposableBean {

    /** Set on a replayed record: {@code <dlt topic>/<partition>/<offset>} it was replayed from. */
    static final String REPLAYED_FROM = "sabai_replayed-from";

    static final Set<String> TOPICS = Stream.of(Topic.values())
            .map(Topic::deadLetterTopicName)
            .collect(Collectors.toUnmodifiableSet());

    private static final Duration READ_WITHIN = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    private static final String DESERIALIZER_HEADER_PREFIX = "springDeserializerException";

    /** One dead letter, with where it came from and why it failed, as Spring Kafka's recoverer recorded it. */
    record DeadLetter(String topic, int partition, long offset, Instant timestamp, String key,
                      String ceType, String ceId, String ceSubject,
                      String originalTopic, Integer originalPartition, Long originalOffset, Instant originalTimestamp,
                      String exceptionClass, String exceptionMessage, String consumerGroup, JsonNode value) {
    }

    /** Where a replayed record landed. */
    record Replayed(String topic, int partition, long offset, String ceId, String replayedFrom) {
    }

    /** The record asked for is not there: no such dead-letter topic, partition or offset. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private final KafkaProperties kafka;
    private final OpsConsoleProperties settings;
    private KafkaProducer<String, byte[]> producer;

    DeadLetters(KafkaProperties kafka, OpsConsoleProperties settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    /** The latest records of every dead-letter partition, newest first, contact details as {@code details} says. */
    List<DeadLetter> latest(ContactDetails details) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = existingPartitions(consumer);
            if (partitions.isEmpty()) {
                return letters;
            }
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, READ_WITHIN);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_WITHIN);
            List<TopicPartition> withRecords = partitions.stream().filter(p -> ends.get(p) > begins.get(p)).toList();
            consumer.assign(withRecords);
            for (TopicPartition partition : withRecords) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - settings.deadLettersPerPartition()));
            }
            long deadline = System.nanoTime() + READ_WITHIN.toNanos();
            while (!withRecords.isEmpty() && System.nanoTime() < deadline
                    && withRecords.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        letters.add(deadLetter(record, details));
                    }
                }
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::timestamp).reversed());
        return letters;
    }

    /** Sends the dead letter at {@code topic/partition/offset} back to its original topic. */
    Replayed replay(String topic, int partition, long offset) throws InterruptedException, ExecutionException, TimeoutException {
        ConsumerRecord<String, byte[]> dead = read(topic, partition, offset);
        String target = Optional.ofNullable(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                .orElse(topic.substring(0, topic.length() - Topic.DEAD_LETTER_SUFFIX.length()));
        String from = topic + "/" + partition + "/" + offset;
        ProducerRecord<String, byte[]> replay = new ProducerRecord<>(target, null, dead.key(), dead.value());
        for (Header header : dead.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX) && !header.key().startsWith(DESERIALIZER_HEADER_PREFIX)
                    && !header.key().equals(REPLAYED_FROM)) {
                replay.headers().add(header.key(), header.value());
            }
        }
        replay.headers().add(REPLAYED_FROM, from.getBytes(StandardCharsets.UTF_8));
        RecordMetadata sent = producer().send(replay).get(READ_WITHIN.toSeconds() * 2, TimeUnit.SECONDS);
        return new Replayed(sent.topic(), sent.partition(), sent.offset(), header(dead, CloudEventHeaders.ID), from);
    }

    private ConsumerRecord<String, byte[]> read(String topic, int partition, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition wanted = new TopicPartition(topic, partition);
            if (!existingPartitions(consumer).contains(wanted)) {
                throw new NotFound("There is no partition " + partition + " of dead-letter topic " + topic + ".");
            }
            long begin = consumer.beginningOffsets(List.of(wanted), READ_WITHIN).get(wanted);
            long end = consumer.endOffsets(List.of(wanted), READ_WITHIN).get(wanted);
            if (offset < begin || offset >= end) {
                throw new NotFound("There is no record at offset " + offset + " of " + topic + "/" + partition
                        + " (it holds offsets " + begin + " to " + (end - 1) + ").");
            }
            consumer.assign(List.of(wanted));
            consumer.seek(wanted, offset);
            long deadline = System.nanoTime() + READ_WITHIN.toNanos();
            while (System.nanoTime() < deadline && consumer.position(wanted) <= offset) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
            throw new NotFound("There is no record at offset " + offset + " of " + topic + "/" + partition + ".");
        }
    }

    private static List<TopicPartition> existingPartitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        // listTopics, unlike partitionsFor, never creates a topic that does not exist yet.
        for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(READ_WITHIN).entrySet()) {
            if (TOPICS.contains(topic.getKey())) {
                topic.getValue().forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        return partitions;
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, ContactDetails details) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
                header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.ID), header(record, CloudEventHeaders.SUBJECT),
                header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                Optional.ofNullable(longHeader(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)).map(Instant::ofEpochMilli).orElse(null),
                header(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                details.applyTo(TopicTail.toEvent(record)).value());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes the original partition as 4 bytes and offset and timestamp as 8; a hand-made record may use text. */
    private static Integer intHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        if (header.value().length == Integer.BYTES) {
            return ByteBuffer.wrap(header.value()).getInt();
        }
        return parse(header.value()).map(Long::intValue).orElse(null);
    }

    private static Long longHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        if (header.value().length == Long.BYTES) {
            return ByteBuffer.wrap(header.value()).getLong();
        }
        return parse(header.value()).orElse(null);
    }

    private static Optional<Long> parse(byte[] text) {
        try {
            return Optional.of(Long.parseLong(new String(text, StandardCharsets.UTF_8).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        String id = "gateway-ops-dead-letters-" + UUID.randomUUID();
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "gateway-ops-replay");
            config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
            config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
