package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.serializer.SerializationUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The one consumer that follows every {@link EventView} of a process, in a group of its own per start
 * ({@link ViewGroups}): it reads from now on, seeks to the beginning the topics whose views are built from their first
 * record, and hands each event to the views of its family. Registered as a listener endpoint, it gets the same
 * container as a {@code @KafkaListener}: the same error handling, filter of unknown event types, and a group that
 * commits nothing. It takes a poll's records together, so a view's event is not observed and traced on its own: what
 * a view does with it is no one's operation, and at 50 bookings a second its observations and the listener's
 * invocation per record were a fifth of the views' consumer's time in therapist-service.
 */
public final class EventViews implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(EventViews.class);

    /**
     * A group's heartbeats tell its members of a rebalance, so a listener's group keeps Kafka's 3 s. A view's group
     * has one member for its whole life and nobody to tell; its heartbeats only keep the session (45 s) alive, and
     * were a fifth of the idle platform's requests to the broker.
     */
    static final int HEARTBEAT_INTERVAL_MS = 15_000;

    private final Map<String, List<EventView<?>>> byTopic = new LinkedHashMap<>();

    public EventViews(List<? extends EventView<?>> views) {
        for (EventView<?> view : views) {
            String topic = Topic.carrying(view.events()).topicName();
            List<EventView<?>> ofTopic = byTopic.computeIfAbsent(topic, name -> new ArrayList<>());
            ofTopic.add(view);
            if (ofTopic.getFirst().from() != view.from()) {
                throw new IllegalStateException("The views of " + topic + " must all read it from the same place: " + ofTopic);
            }
        }
    }

    /** The endpoint for the process's listener registry: one consumer of the group, for every topic a view follows. */
    public MethodKafkaListenerEndpoint<Object, Object> endpoint(String groupId) {
        MethodKafkaListenerEndpoint<Object, Object> endpoint = ListenerEndpoints.of("sabai-event-views", groupId, byTopic.keySet(),
                this, "heard", List.class);
        endpoint.setBatchListener(true);
        endpoint.setConcurrency(1);
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.setProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(HEARTBEAT_INTERVAL_MS));
        endpoint.setConsumerProperties(properties);
        return endpoint;
    }

    /**
     * A poll's records of the followed topics, in their order: each event goes to every view of its topic that follows its
     * family. A record this version cannot read teaches a view nothing and is passed over with a warning: dead-lettered
     * from a group of one start, it would be dead-lettered again at every start of every process. A tombstone (a compacted
     * topic's record without a value) is passed over quietly. A view that fails on an event fails the poll from that
     * record on, which the error handler tries again as it would a record listener's.
     */
    public void heard(List<ConsumerRecord<?, ?>> records) {
        for (ConsumerRecord<?, ?> record : records) {
            if (record.value() instanceof SabaiEvent event) {
                try {
                    for (EventView<?> view : byTopic.getOrDefault(record.topic(), List.of())) {
                        tell(view, event);
                    }
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, record);
                }
            } else if (unreadable(record)) {
                log.warn("The record at {}-{}@{} could not be read; the views pass it over", record.topic(), record.partition(),
                        record.offset());
            }
        }
    }

    /** A record whose value could not be read, as against a tombstone of a compacted topic (no value, nothing wrong). */
    private static boolean unreadable(ConsumerRecord<?, ?> record) {
        return record.value() != null || record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<TopicPartition> fromBeginning = assignments.keySet().stream()
                .filter(partition -> byTopic.getOrDefault(partition.topic(), List.of()).stream()
                        .anyMatch(view -> view.from() == EventView.From.BEGINNING))
                .toList();
        if (!fromBeginning.isEmpty()) {
            callback.seekToBeginning(fromBeginning);
        }
        assignments.keySet().stream().map(TopicPartition::topic).distinct()
                .forEach(topic -> byTopic.getOrDefault(topic, List.of()).forEach(EventView::following));
    }

    private static <E extends SabaiEvent> void tell(EventView<E> view, SabaiEvent event) {
        if (view.events().isInstance(event)) {
            view.heard(view.events().cast(event));
        }
    }
}
