package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The one consumer that follows every {@link EventView} of a process, in a group of its own per start
 * ({@link ViewGroups}): it reads from now on, seeks to the beginning the topics whose views are built from their first
 * record, and hands each event to the views of its family. Registered as a listener endpoint, it gets the same
 * container as a {@code @KafkaListener}: the same error handling, observations, filter of unknown event types, and a
 * group that commits nothing.
 */
public final class EventViews implements ConsumerSeekAware {

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
                this, "heard", ConsumerRecord.class);
        endpoint.setConcurrency(1);
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.setProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(HEARTBEAT_INTERVAL_MS));
        endpoint.setConsumerProperties(properties);
        return endpoint;
    }

    /** A record of a followed topic: its event goes to every view of the topic that follows its family. */
    public void heard(ConsumerRecord<?, ?> record) {
        if (record.value() instanceof SabaiEvent event) {
            for (EventView<?> view : byTopic.getOrDefault(record.topic(), List.of())) {
                tell(view, event);
            }
        }
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
