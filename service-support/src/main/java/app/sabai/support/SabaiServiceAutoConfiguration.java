package app.sabai.support;

import app.sabai.support.kafka.DeadLetterHook;
import app.sabai.support.kafka.EventHandler;
import app.sabai.support.kafka.EventHandlers;
import app.sabai.support.kafka.EventView;
import app.sabai.support.kafka.EventViews;
import app.sabai.support.kafka.PoisonRecordException;
import app.sabai.support.kafka.SabaiEventDeserializer;
import app.sabai.support.kafka.SabaiTopicsFactory;
import app.sabai.support.kafka.SabaiValueSerializer;
import app.sabai.support.kafka.UnknownEventTypeFilter;
import app.sabai.support.kafka.ViewGroups;
import app.sabai.support.lifecycle.ParentProcessWatcher;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxRelay;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.support.web.ProblemDetailsAdvice;
import app.sabai.support.web.StrictJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every Sabai service gets by depending on this module: the outbox relay, CloudEvents
 * (de)serialisation with poison records sent to {@code <topic>-dlt}, offsets committed after
 * processing, blocking retries for ordered state, traces that go on through the outbox, the platform's own
 * measures, strict JSON binding of request bodies and problem-details errors.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"})
@EnableConfigurationProperties(SabaiServiceProperties.class)
@Import(ProblemDetailsAdvice.class)
public class SabaiServiceAutoConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer sabaiConsumerSettings() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, SabaiEventDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A fetch is a long poll the broker answers as soon as a record arrives; the wait only bounds an idle
                // one. 500 ms (Kafka's default) made the idle platform's fetches most of the broker's idle work. Its
                // one cost: after a rebalance, the first fetch of newly assigned partitions may wait for the
                // consumer's fetch in flight, up to this long.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_WAIT_MS));
    }

    /** How long the broker holds a fetch that finds nothing: the idle consumers' polling rate, not a delay. */
    static final int IDLE_FETCH_WAIT_MS = 5000;

    /**
     * A listener commits its offsets once a second, or after 100 records, instead of after every poll. Under load a poll
     * brings a record or two, and each commit was a write to the broker's offsets log (a sixth of the broker's CPU per
     * booking). A crash now re-delivers up to a second of records, which the consumers' applied-event guards absorb,
     * as they absorb any redelivery. An in-memory view's group of one start ({@link ViewGroups}) commits nothing: its
     * records are acknowledged manually, by no one.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> sabaiOffsetCommits() {
        return container -> {
            ContainerProperties properties = container.getContainerProperties();
            if (ViewGroups.isPerStart(container.getGroupId())) {
                properties.setAckMode(ContainerProperties.AckMode.MANUAL);
                // Not even the position it was given: a view that reads from now on would otherwise commit one.
                properties.setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
                return;
            }
            properties.setAckMode(ContainerProperties.AckMode.COUNT_TIME);
            properties.setAckCount(COMMIT_EVERY_RECORDS);
            properties.setAckTime(COMMIT_EVERY.toMillis());
        };
    }

    static final int COMMIT_EVERY_RECORDS = 100;
    static final Duration COMMIT_EVERY = Duration.ofSeconds(1);

    /**
     * A record listener is timed by its observation, a batch listener (which has none) by the container's own timer; both
     * are named {@code spring.kafka.listener}, with different tags. Prometheus takes one set of tags per name, so whichever
     * listener finished first hid every other kind's time. The batch listeners' timer is {@code spring.kafka.listener.batch}.
     */
    @Bean
    MeterFilter sabaiBatchListenerTimers() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return LISTENER_TIMER.equals(id.getName()) && id.getTag("result") != null
                        ? id.withName(LISTENER_TIMER + ".batch") : id;
            }
        };
    }

    private static final String LISTENER_TIMER = "spring.kafka.listener";

    @Bean
    DefaultKafkaProducerFactoryCustomizer sabaiProducerSettings(SabaiServiceProperties properties) {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SabaiValueSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) properties.kafka().linger().toMillis()));
    }

    @Bean
    KafkaAdmin.NewTopics sabaiTopics(SabaiServiceProperties properties) {
        return SabaiTopicsFactory.all(properties.kafka().partitions(), properties.kafka().replicationFactor());
    }

    /**
     * Retries with backoff in place (the partition waits, keeping the branch's order) for failures that may
     * pass, such as the database being briefly away; records that can never succeed go to {@code <topic>-dlt}
     * on the same partition, with the original topic, partition, offset and exception in headers, counted in
     * {@code sabai.kafka.dead.letters} by the topic they came from.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler sabaiErrorHandler(KafkaTemplate<Object, Object> template, ObjectProvider<DeadLetterHook> hooks,
                                          MeterRegistry meters) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(record.topic() + "-dlt", record.partition()));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            hooks.orderedStream().forEach(hook -> {
                try {
                    hook.beforeDeadLetter(record.value(), exception);
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(DeadLetterHook.class).warn("A dead-letter hook failed for {}-{}@{}: {}",
                            record.topic(), record.partition(), record.offset(), e.toString());
                }
            });
            deadLetters.accept(record, exception);
            Counter.builder("sabai.kafka.dead.letters")
                    .description("Records sent to a dead-letter topic")
                    .tag("topic", record.topic())
                    .register(meters)
                    .increment();
        };
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(120_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class, IllegalArgumentException.class, NullPointerException.class);
        return handler;
    }

    @Bean
    UnknownEventTypeFilter unknownEventTypeFilter() {
        return new UnknownEventTypeFilter();
    }

    /** The process's in-memory views, all followed by one consumer in a group of this start's own. */
    @Bean
    @ConditionalOnBean(EventView.class)
    KafkaListenerConfigurer sabaiEventViews(List<EventView<?>> views, Environment environment) {
        EventViews followed = new EventViews(views);
        String groupId = environment.resolvePlaceholders("${spring.application.name}" + ViewGroups.PER_START);
        return registrar -> registrar.registerEndpoint(followed.endpoint(groupId));
    }

    /**
     * The process's event handlers, all fed by one consumer of the service's group. Their records are observed one by one
     * when the listeners are ({@code spring.kafka.listener.observation-enabled}).
     */
    @Bean
    @ConditionalOnBean(EventHandler.class)
    KafkaListenerConfigurer sabaiEventHandlers(List<EventHandler<?>> handlers, KafkaProperties kafka,
                                               @Value("${spring.application.name}") String applicationName,
                                               ObjectProvider<ObservationRegistry> observations) {
        String groupId = kafka.getConsumer().getGroupId() != null ? kafka.getConsumer().getGroupId() : applicationName;
        EventHandlers handled = new EventHandlers(handlers, groupId, kafka.getListener().isObservationEnabled()
                ? observations.getIfAvailable(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP);
        return registrar -> registrar.registerEndpoint(handled.endpoint());
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, ObjectProvider<OutboxSource> sources,
                            SabaiServiceProperties properties, @Value("${spring.application.name}") String applicationName,
                            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, MeterRegistry meters) {
        return new OutboxRelay(mongo, kafka, sources.orderedStream().toList(), applicationName,
                properties.outbox().sweepInterval(), properties.outbox().sendTimeout(),
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP), meters);
    }

    @Bean
    Outbox outbox(OutboxRelay relay, ObjectProvider<Tracer> tracer) {
        return new Outbox(relay, tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    @Bean
    @ConditionalOnProperty("sabai.parent-pid")
    ParentProcessWatcher parentProcessWatcher(@Value("${sabai.parent-pid}") long parentPid) {
        return new ParentProcessWatcher(parentPid);
    }

    /**
     * Request bodies are bound strictly ({@link StrictJson}): a value of the wrong JSON type is refused, never
     * converted. Applied after Boot's own customizer, so it wins over {@code spring.jackson.*} settings.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapperBuilderCustomizer.class)
    static class StrictJsonConfiguration {

        @Bean
        JsonMapperBuilderCustomizer sabaiStrictJson() {
            return new OrderedStrictJson();
        }
    }

    static final class OrderedStrictJson implements JsonMapperBuilderCustomizer, Ordered {

        @Override
        public void customize(tools.jackson.databind.json.JsonMapper.Builder builder) {
            StrictJson.configure(builder);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE - 100;
        }
    }

    /** The clock every time-based decision reads, so tests can stand anywhere in time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
