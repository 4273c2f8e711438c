package app.sabai.gateway.ops;

import app.sabai.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Live Server-Sent Events of every record on the Sabai topics and their dead-letter topics. Each
 * subscriber gets its own consumer (a unique group id, never committed) starting at the latest
 * offsets; the first event, {@code ready}, says the stream is live. Idle streams get a heartbeat
 * comment.
 */
@Component
public class OpsEventStream {

    static final Set<String> TOPICS = Stream.of(Topic.values())
            .flatMap(topic -> Stream.of(topic.topicName(), topic.deadLetterTopicName()))
            .collect(Collectors.toUnmodifiableSet());

    private final KafkaProperties kafka;
    private final OpsEventsProperties settings;
    private final AtomicInteger open = new AtomicInteger();

    public OpsEventStream(KafkaProperties kafka, OpsEventsProperties settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    /** A new stream, with customers' contact details shown as {@code details} says. */
    public Flux<ServerSentEvent<Object>> open(ContactDetails details) {
        return open(TOPICS, record -> true, details);
    }

    /** A new stream of only these topics' records that {@code filter} lets through (counted with every other stream). */
    public Flux<ServerSentEvent<Object>> open(Set<String> topics, Predicate<OpsEvent> filter, ContactDetails details) {
        return Flux.defer(() -> {
            if (open.incrementAndGet() > settings.maxStreams()) {
                open.decrementAndGet();
                return Flux.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "Too many operations event streams are open (" + settings.maxStreams() + "); try again later."));
            }
            Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(settings.heartbeat())
                    .map(tick -> ServerSentEvent.builder().comment("heartbeat").build());
            return Flux.merge(records(topics, filter, details), heartbeats).doFinally(signal -> open.decrementAndGet());
        });
    }

    private Flux<ServerSentEvent<Object>> records(Set<String> topics, Predicate<OpsEvent> filter, ContactDetails details) {
        return Flux.create(sink -> {
            String id = "gateway-ops-events-" + UUID.randomUUID();
            TopicTail tail = new TopicTail(consumerConfig(id), topics,
                    partitions -> sink.next(ready(partitions)),
                    record -> {
                        if (filter.test(record)) {
                            sink.next(event(details.applyTo(record)));
                        }
                    },
                    sink::error);
            Thread thread = new Thread(tail, id);
            thread.setDaemon(true);
            sink.onDispose(tail::stop);
            thread.start();
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    private Map<String, Object> consumerConfig(String id) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return config;
    }

    private static ServerSentEvent<Object> ready(Set<TopicPartition> partitions) {
        Set<String> live = partitions.stream().map(TopicPartition::topic).collect(Collectors.toCollection(TreeSet::new));
        return ServerSentEvent.<Object>builder(Map.of("topics", live, "partitions", partitions.size()))
                .event("ready")
                .build();
    }

    private static ServerSentEvent<Object> event(OpsEvent record) {
        return ServerSentEvent.<Object>builder(record)
                .id(record.topic() + "/" + record.partition() + "/" + record.offset())
                .build();
    }
}
