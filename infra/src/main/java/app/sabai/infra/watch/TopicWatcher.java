package app.sabai.infra.watch;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code watch}: a plain Kafka consumer that prints every record of the platform's topics as it
 * arrives — topic, partition, offset, key, the CloudEvents headers and the JSON value. It joins no
 * consumer group, so it never disturbs the services.
 */
public final class TopicWatcher {

    public static final List<String> PLATFORM_TOPICS = List.of(
            "sabai.bookings", "sabai.assignments", "sabai.notifications", "sabai.branches", "sabai.staff",
            "sabai.bookings-dlt", "sabai.assignments-dlt", "sabai.notifications-dlt", "sabai.branches-dlt", "sabai.staff-dlt");

    private final String bootstrapServers;
    private final List<String> topics;
    private final boolean fromBeginning;
    private final PrintStream out;

    public TopicWatcher(String bootstrapServers, List<String> topics, boolean fromBeginning, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics.isEmpty() ? PLATFORM_TOPICS : List.copyOf(topics);
        this.fromBeginning = fromBeginning;
        this.out = out;
    }

    public static void main(List<String> args) {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        boolean fromBeginning = false;
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--bootstrap-servers" -> bootstrap = args.get(++i);
                case "--from-beginning" -> fromBeginning = true;
                default -> topics.add(args.get(i));
            }
        }
        new TopicWatcher(bootstrap, topics, fromBeginning, System.out).run();
    }

    public void run() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                consumer.wakeup();
                try {
                    main.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "watch-stop"));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            out.println("Watching " + String.join(", ", topics) + " on " + bootstrapServers
                    + (fromBeginning ? " from the beginning" : " from now on") + " (Ctrl-C to stop)");
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    out.println(format(record));
                }
            }
        } catch (WakeupException stopping) {
            out.println("stopped");
        }
    }

    static String format(ConsumerRecord<String, String> record) {
        StringBuilder line = new StringBuilder()
                .append(record.topic()).append('[').append(record.partition()).append("]@").append(record.offset())
                .append(" key=").append(record.key());
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") || header.key().equals("traceparent") || header.key().startsWith("kafka_dlt-original")
                    || header.key().equals("kafka_dlt-exception-message")) {
                line.append(' ').append(header.key()).append('=')
                        .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return line.append(System.lineSeparator()).append("  ").append(record.value()).toString();
    }
}
