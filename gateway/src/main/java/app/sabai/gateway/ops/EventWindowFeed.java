package app.sabai.gateway.ops;

import app.sabai.contracts.envelope.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one consumer that fills the {@link EventWindow}: started with the gateway an hour back on every Sabai topic and
 * dead-letter topic (so the charts are full at once), then following them. Its group is never committed. If it fails
 * (the broker away), it starts over an hour back after a pause, with an empty window, so nothing is counted twice.
 */
@Component
class EventWindowFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventWindowFeed.class);
    private static final Duration LOOK_BACK = Duration.ofMinutes(EventWindow.MINUTES);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final int FETCH_MIN_BYTES = 64 * 1024;
    /** As every consumer's idle long poll: a shorter one would make the idle gateway fetch more often. */
    private static final Duration FETCH_MAX_WAIT = Duration.ofSeconds(5);

    private final KafkaProperties kafka;
    private final EventWindow window;
    private volatile boolean running;
    private volatile TopicTail tail;
    private CountDownLatch stopping;

    EventWindowFeed(KafkaProperties kafka, OpsConsoleProperties settings) {
        this.kafka = kafka;
        this.window = new EventWindow(Clock.systemUTC(), settings.maxBranches(), settings.maxOpenRequests());
    }

    EventWindow window() {
        return window;
    }

    @Override
    public synchronized void start() {
        running = true;
        CountDownLatch stopping = new CountDownLatch(1);
        this.stopping = stopping;
        Thread thread = new Thread(() -> follow(stopping), "gateway-ops-window");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Wakes the tail's poll and ends a pause; the thread is not interrupted, since an interrupt that lands while the
     * consumer closes makes the Kafka client log an error at every stop of the gateway.
     */
    @Override
    public synchronized void stop() {
        running = false;
        if (tail != null) {
            tail.stop();
        }
        if (stopping != null) {
            stopping.countDown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow(CountDownLatch stopping) {
        while (true) {
            TopicTail next;
            // A tail is made only while this start's run lasts, under the lock stop() takes: stop() stops every tail made.
            synchronized (this) {
                if (!running || stopping.getCount() == 0) {
                    return;
                }
                String id = "gateway-ops-window-" + UUID.randomUUID();
                window.restart();
                next = new TopicTail(consumerConfig(id), OpsEventStream.TOPICS, LOOK_BACK,
                        partitions -> log.debug("Operations window follows {} partitions", partitions.size()),
                        this::count,
                        failure -> log.warn("Operations window stopped following the topics: {}", failure.toString()));
                tail = next;
            }
            next.run();
            try {
                if (stopping.await(PAUSE_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        window.record(record.topic(), Instant.ofEpochMilli(record.timestamp()), header(record, CloudEventHeaders.TYPE),
                record.key(), header(record, CloudEventHeaders.SUBJECT));
    }

    private Map<String, Object> consumerConfig(String id) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The window counts by the minute, so a few seconds late costs it nothing; under load a fetch then brings
        // many records at once instead of one or two, for every event of the chain.
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_MAX_WAIT.toMillis());
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return config;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
