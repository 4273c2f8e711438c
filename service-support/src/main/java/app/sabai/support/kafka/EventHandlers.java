package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.Topic;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one consumer, in the service's group, that feeds every {@link EventHandler} of a process. It takes a poll's records
 * as a batch and goes through them in their order: a run of events for a {@link EventHandler.Together} or a
 * {@link EventHandler.TogetherInTraces} is applied in one go (the latter's events each with a way into its record's
 * observation), and each event for a {@link EventHandler.OneAtATime} is handled alone in an observation of its own, which
 * continues the record's trace as a record listener's does (Spring Kafka's own option for a batch's records,
 * {@code recordObservationsInBatch}, opens and closes each record's observation before the batch is handled). A record
 * that fails is reported to the container's error handler as the batch's failed record once everything before it is
 * handled: the error handler commits up to it, retries it, and sends it to the dead-letter topic at last, as it would
 * a record listener's. Registered as a listener endpoint, it gets the same container as a {@code @KafkaListener}: the
 * same error handling, offset commits and filter of unknown event types.
 */
public final class EventHandlers {

    /** The endpoint's id, which names its container's threads and tags its observations. */
    public static final String ID = "sabai-event-handlers";

    private final Map<String, EventHandler<?>> byTopic = new LinkedHashMap<>();
    private final String groupId;
    private final ObservationRegistry observations;

    /** {@code observations} is {@link ObservationRegistry#NOOP} when listeners are not observed. */
    public EventHandlers(List<? extends EventHandler<?>> handlers, String groupId, ObservationRegistry observations) {
        for (EventHandler<?> handler : handlers) {
            String topic = Topic.carrying(handler.events()).topicName();
            EventHandler<?> earlier = byTopic.putIfAbsent(topic, handler);
            if (earlier != null) {
                throw new IllegalStateException("Two handlers of " + topic + " (" + earlier.getClass().getName() + ", "
                        + handler.getClass().getName() + "): one handler per topic, which may pass events on to others");
            }
        }
        this.groupId = groupId;
        this.observations = observations;
    }

    /** The endpoint for the process's listener registry: one batch consumer of the service's group, for every handled topic. */
    public MethodKafkaListenerEndpoint<Object, Object> endpoint() {
        MethodKafkaListenerEndpoint<Object, Object> endpoint = ListenerEndpoints.of(ID, groupId, byTopic.keySet(), this, "heard", List.class);
        endpoint.setBatchListener(true);
        return endpoint;
    }

    /** A poll's records of the handled topics, in their order; the container's filter has skipped unknown event types. */
    public void heard(List<ConsumerRecord<Object, Object>> records) {
        Run run = new Run();
        for (ConsumerRecord<Object, Object> record : records) {
            EventHandler<?> handler = byTopic.get(record.topic());
            if (handler == null || !handler.events().isInstance(record.value())) {
                run.apply();
                String where = record.topic() + "-" + record.partition() + "@" + record.offset();
                String what = handler == null ? "handled event" : handler.events().getSimpleName();
                throw new BatchListenerFailedException("The record at " + where + " is not a readable " + what,
                        new PoisonRecordException("Not a readable " + what + " at " + where), record);
            }
            switch (handler) {
                case EventHandler.Together<?> together -> run.add(together, record);
                case EventHandler.TogetherInTraces<?> together -> run.add(together, record);
                case EventHandler.OneAtATime<?> alone -> {
                    run.apply();
                    handleAlone(alone, record);
                }
            }
        }
        run.apply();
    }

    private <E extends SabaiEvent> void handleAlone(EventHandler.OneAtATime<E> handler, ConsumerRecord<Object, Object> record) {
        E event = handler.events().cast(record.value());
        try {
            observation(record).observe(() -> handler.handle(event));
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, record);
        }
    }

    /** A no-op observation when the registry is one: the context is then never made. */
    private Observation observation(ConsumerRecord<Object, Object> record) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, ID, null, groupId, () -> null), observations);
    }

    /**
     * Consecutive records of one {@link EventHandler.Together} or {@link EventHandler.TogetherInTraces}. Applied
     * together; when that fails, one at a time, which changes nothing for those applied before, so that the one whose
     * event fails alone is the record reported.
     */
    private final class Run {

        private EventHandler<?> handler;
        private final List<ConsumerRecord<Object, Object>> records = new ArrayList<>();

        void add(EventHandler<?> together, ConsumerRecord<Object, Object> record) {
            if (handler != together) {
                apply();
                handler = together;
            }
            records.add(record);
        }

        void apply() {
            if (records.isEmpty()) {
                return;
            }
            try {
                List<ConsumerRecord<Object, Object>> run = List.copyOf(records);
                switch (handler) {
                    case EventHandler.Together<?> together -> apply(run, events -> handle(together, events));
                    case EventHandler.TogetherInTraces<?> together -> apply(run, events -> handle(together, events));
                    case EventHandler.OneAtATime<?> alone -> throw new IllegalStateException(alone + " is not applied in runs");
                }
            } finally {
                records.clear();
            }
        }

        private static void apply(List<ConsumerRecord<Object, Object>> records, Consumer<List<ConsumerRecord<Object, Object>>> handle) {
            try {
                handle.accept(records);
                return;
            } catch (RuntimeException together) {
                if (records.size() == 1) {
                    throw new BatchListenerFailedException(String.valueOf(together.getMessage()), together, records.getFirst());
                }
            }
            for (ConsumerRecord<Object, Object> record : records) {
                try {
                    handle.accept(List.of(record));
                } catch (RuntimeException alone) {
                    throw new BatchListenerFailedException(String.valueOf(alone.getMessage()), alone, record);
                }
            }
        }

        private static <E extends SabaiEvent> void handle(EventHandler.Together<E> handler, List<ConsumerRecord<Object, Object>> records) {
            handler.handle(records.stream().map(record -> handler.events().cast(record.value())).toList());
        }

        private <E extends SabaiEvent> void handle(EventHandler.TogetherInTraces<E> handler, List<ConsumerRecord<Object, Object>> records) {
            List<HeardRecord<E>> heard = records.stream().map(record -> new HeardRecord<>(handler.events().cast(record.value()), record)).toList();
            try {
                handler.handle(List.copyOf(heard));
            } finally {
                heard.forEach(HeardRecord::stop);
            }
        }
    }

    /**
     * A record of a run and its one observation: started by the first piece of its work, in scope for each piece, stopped
     * when the run is done. So a record is one span and one {@code spring.kafka.listener} timing however many pieces
     * its work comes in, and the timing includes its share of the run's writes.
     */
    private final class HeardRecord<E extends SabaiEvent> implements EventHandler.Heard<E> {

        private final E event;
        private final ConsumerRecord<Object, Object> record;
        private Observation observation;

        HeardRecord(E event, ConsumerRecord<Object, Object> record) {
            this.event = event;
            this.record = record;
        }

        @Override
        public E event() {
            return event;
        }

        @Override
        public <T> T inTrace(Supplier<T> work) {
            if (observation == null) {
                observation = observation(record).start();
            }
            try (Observation.Scope ignored = observation.openScope()) {
                return work.get();
            } catch (RuntimeException e) {
                observation.error(e);
                throw e;
            }
        }

        void stop() {
            if (observation != null) {
                observation.stop();
            }
        }
    }
}
