package app.sabai.gateway.ops;

import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.json.SabaiJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a set of topics from their current end (or from a while back) with one Kafka consumer on its own
 * thread, handing each record to a listener. Partitions are assigned directly rather than through a consumer
 * group, so the tail is live as soon as the start offsets are known (no rebalance to wait for). Topics that
 * appear later (a dead-letter topic's first record, or every topic while the services have not created them yet) are
 * picked up from their beginning.
 */
final class TopicTail implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    /** Bounds only how often the loop looks at the topics: a record ends a poll as soon as it arrives. */
    private static final Duration POLL = Duration.ofSeconds(5);
    /** While a followed topic does not exist yet, how often to look for it; then how often to look for new partitions. */
    private static final Duration TOPIC_REFRESH = Duration.ofSeconds(5);
    private static final Duration PARTITION_REFRESH = Duration.ofMinutes(5);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;
    private final Set<String> topics;
    private final Consumer<Set<TopicPartition>> onLive;
    private final Consumer<ConsumerRecord<String, byte[]>> onRecord;
    private final Consumer<Throwable> onFailure;
    private final Duration lookBack;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;

    TopicTail(Map<String, Object> consumerConfig, Set<String> topics, Consumer<Set<TopicPartition>> onLive,
              Consumer<OpsEvent> onRecord, Consumer<Throwable> onFailure) {
        this(consumerConfig, topics, Duration.ZERO, onLive, record -> onRecord.accept(toEvent(record)), onFailure);
    }

    /**
     * A tail that starts {@code lookBack} before now on every partition (at the first record written since then, by
     * {@code offsetsForTimes}), or at the end where nothing was written since; {@link Duration#ZERO} starts at the end.
     */
    TopicTail(Map<String, Object> consumerConfig, Set<String> topics, Duration lookBack, Consumer<Set<TopicPartition>> onLive,
              Consumer<ConsumerRecord<String, byte[]>> onRecord, Consumer<Throwable> onFailure) {
        this.consumerConfig = consumerConfig;
        this.topics = topics;
        this.lookBack = lookBack;
        this.onLive = onLive;
        this.onRecord = onRecord;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            if (stopped()) {
                return;
            }
            Set<TopicPartition> assigned = new HashSet<>(partitionsOf(kafka));
            kafka.assign(assigned);
            kafka.seekToEnd(assigned);
            if (!lookBack.isZero()) {
                seekBack(kafka, assigned);
            }
            assigned.forEach(kafka::position); // resolve "the end" now, so every later record is seen
            onLive.accept(Set.copyOf(assigned));

            long nextRefresh = System.nanoTime() + refreshAfter(assigned).toNanos();
            while (!stopped()) {
                if (assigned.isEmpty()) {
                    // None of the topics exists yet (a platform whose services have not created them): a consumer
                    // without partitions cannot poll, so wait to look for them again.
                    if (stopping.await(TOPIC_REFRESH.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } else {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        onRecord.accept(record);
                    }
                }
                if (System.nanoTime() > nextRefresh) {
                    addNewPartitions(kafka, assigned);
                    nextRefresh = System.nanoTime() + refreshAfter(assigned).toNanos();
                }
            }
        } catch (WakeupException e) {
            if (!stopped()) {
                onFailure.accept(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped()) {
                log.warn("Operations event stream failed: {}", e.toString());
                onFailure.accept(e);
            }
        }
    }

    void stop() {
        stopping.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void seekBack(KafkaConsumer<String, byte[]> kafka, Set<TopicPartition> assigned) {
        long since = System.currentTimeMillis() - lookBack.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        assigned.forEach(partition -> times.put(partition, since));
        kafka.offsetsForTimes(times, METADATA_TIMEOUT).forEach((partition, found) -> {
            if (found != null) {
                kafka.seek(partition, found.offset());
            }
        });
    }

    /**
     * Listing the topics is a metadata request for the whole cluster: every few seconds while a topic is missing (a
     * dead-letter topic before its service created it), rarely once all are there.
     */
    private Duration refreshAfter(Set<TopicPartition> assigned) {
        long present = assigned.stream().map(TopicPartition::topic).distinct().count();
        return present < topics.size() ? TOPIC_REFRESH : PARTITION_REFRESH;
    }

    private void addNewPartitions(KafkaConsumer<String, byte[]> kafka, Set<TopicPartition> assigned) {
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition partition : partitionsOf(kafka)) {
            if (assigned.add(partition)) {
                added.add(partition);
            }
        }
        if (!added.isEmpty()) {
            kafka.assign(assigned);
            kafka.seekToBeginning(added);
        }
    }

    private Collection<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> topic : kafka.listTopics(METADATA_TIMEOUT).entrySet()) {
            if (topics.contains(topic.getKey())) {
                topic.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    static OpsEvent toEvent(ConsumerRecord<String, byte[]> record) {
        return new OpsEvent(record.topic(), record.partition(), record.offset(), record.key(),
                header(record, CloudEventHeaders.TYPE),
                header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.SUBJECT),
                header(record, CloudEventHeaders.TIME),
                header(record, CloudEventHeaders.TRACEPARENT),
                header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                value(record.value()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode value(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return SabaiJson.mapper().readTree(value);
        } catch (JacksonException notJson) {
            return StringNode.valueOf(new String(value, StandardCharsets.UTF_8));
        }
    }
}
