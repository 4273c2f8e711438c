package app.sabai.system.harness;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Reads the {@link Accounting.Facts} from a running platform, as an outsider: {@code sabai.bookings} from the beginning
 * with a plain consumer, booking-service's bookings and therapist-service's day documents straight from the store, the
 * mailbox's files, the dead-letter topics' sizes and the services' consumer lag from the broker.
 */
public final class Ledger {

    /** The consumer groups that carry the services' work (the caches' groups are per process and start at the end). */
    public static final List<String> GROUPS = List.of("booking-service", "therapist-service", "notification-service");
    private static final Map<String, String> DAY_COLLECTIONS = Map.of("therapist_days", "therapist", "room_days", "room",
            "equipment_days", "equipment");
    private static final Duration POLL = Duration.ofMillis(500);

    private final Platform platform;
    private final List<Duration> reminderLeads;

    public Ledger(Platform platform) {
        this(platform, List.of());
    }

    /** A ledger that also expects the reminders of these lead times, which notification-service runs with. */
    public Ledger(Platform platform, List<Duration> reminderLeads) {
        this.platform = platform;
        this.reminderLeads = List.copyOf(reminderLeads);
    }

    /**
     * Waits until the platform has finished what the load started: no topic has grown for {@code quiet} and the
     * services' groups have processed everything. False if that did not happen {@code within}.
     */
    public boolean awaitSettled(Duration quiet, Duration within) {
        Quiet watch = new Quiet(quiet);
        try {
            await().atMost(within).pollInterval(POLL).until(watch::settled);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The topics' end offsets as last seen, and since when they have not moved. */
    private final class Quiet {
        private final Duration quiet;
        private Map<TopicPartition, Long> last = Map.of();
        private long unchangedSince = System.nanoTime();

        Quiet(Duration quiet) {
            this.quiet = quiet;
        }

        boolean settled() {
            try (Admin admin = admin()) {
                Map<TopicPartition, Long> ends = endOffsets(admin, admin.listTopics().names().get(10, TimeUnit.SECONDS));
                if (!ends.equals(last)) {
                    last = ends;
                    unchangedSince = System.nanoTime();
                    return false;
                }
                return System.nanoTime() - unchangedSince >= quiet.toNanos()
                        && lag(admin).values().stream().allMatch(behind -> behind == 0);
            } catch (Exception brokerAway) {
                unchangedSince = System.nanoTime();
                return false;
            }
        }
    }

    /**
     * Settles, counts, and while a promise looks broken counts again for up to {@code patience}: what is only late (a
     * confirmation sent again once the lease of a killed sender ran out) then shows as kept; what is broken stays broken.
     */
    public Accounting.Report settleAndCount(Set<String> accepted, Duration patience) {
        return settleAndCount(accepted, Set.of(), patience);
    }

    /** As {@link #settleAndCount(Set, Duration)}, with the keys of poison records planted on purpose. */
    public Accounting.Report settleAndCount(Set<String> accepted, Set<String> planted, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        awaitSettled(Duration.ofSeconds(5), patience);
        AtomicReference<Accounting.Report> report = new AtomicReference<>(Accounting.check(read(accepted, planted)));
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!report.get().holds() && !left.isZero()) {
            try {
                await().atMost(left).pollInterval(Duration.ofSeconds(2))
                        .until(() -> report.updateAndGet(previous -> Accounting.check(read(accepted, planted))).holds());
            } catch (ConditionTimeoutException stillBroken) {
                // The last count says what broke.
            }
        }
        return report.get();
    }

    public Accounting.Facts read(Set<String> accepted, Set<String> planted) {
        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<Accounting.DeadLetter> deadLetters = new ArrayList<>();
            Set<String> dlts = topics.stream().filter(topic -> topic.endsWith("-dlt")).collect(Collectors.toSet());
            readToEnd(dlts, record -> deadLetters.add(new Accounting.DeadLetter(record.topic(), record.key())));
            Map<String, Long> lag = lag(admin);
            Instant readAt = Instant.now();
            try (MongoClient mongo = MongoClients.create(mongoUri())) {
                Map<String, Instant> starts = new HashMap<>();
                Map<String, String> statuses = statuses(mongo, starts);
                List<Mailbox.Received> mail = new Mailbox(platform.dataDirectory()).received();
                Map<String, Instant> firstReceived = new HashMap<>();
                mail.forEach(message -> firstReceived.merge(message.messageId(), message.at(), (a, b) -> a.isBefore(b) ? a : b));
                return new Accounting.Facts(accepted, lifeEvents(), statuses, sessions(mongo),
                        mail.stream().map(Mailbox.Received::messageId).toList(), firstReceived, deadLetters, Set.copyOf(planted),
                        lag, starts, reminderLeads, readAt);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not read what the platform holds", e);
        }
    }

    /**
     * The ids of the bookings stored now: taken once the platform has settled before a load, these are the demo
     * customers' bookings, which the accounting holds to the same promises as the load's.
     */
    public Set<String> storedBookings() {
        try (MongoClient mongo = MongoClients.create(mongoUri())) {
            return Set.copyOf(statuses(mongo, new HashMap<>()).keySet());
        }
    }

    /** Every record of a booking's life on {@code sabai.bookings}, from the beginning to the end offsets of now. */
    private List<Accounting.LifeEvent> lifeEvents() {
        List<Accounting.LifeEvent> events = new ArrayList<>();
        readToEnd(Set.of("sabai.bookings"), record -> {
            String type = Topics.header(record, "ce_type");
            if (type != null && Accounting.STATUS_AFTER.containsKey(type)) {
                events.add(new Accounting.LifeEvent(Topics.header(record, "ce_subject"), type, Topics.header(record, "ce_id")));
            }
        });
        return events;
    }

    /** Every record of the topics, from the beginning to the end offsets of now. */
    private void readToEnd(Set<String> topics, Consumer<ConsumerRecord<String, byte[]>> each) {
        if (topics.isEmpty()) {
            return;
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topics + " could not be read to their end " + ends);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** Each stored booking's status, by id; and, into {@code starts}, when it starts. */
    private static Map<String, String> statuses(MongoClient mongo, Map<String, Instant> starts) {
        Map<String, String> statuses = new HashMap<>();
        for (Document booking : mongo.getDatabase("booking").getCollection("bookings").find()
                .projection(new Document("status", 1).append("start", 1))) {
            statuses.put(booking.getString("_id"), booking.getString("status"));
            if (booking.getDate("start") != null) {
                starts.put(booking.getString("_id"), booking.getDate("start").toInstant());
            }
        }
        return statuses;
    }

    private static List<Accounting.Session> sessions(MongoClient mongo) {
        List<Accounting.Session> sessions = new ArrayList<>();
        DAY_COLLECTIONS.forEach((collection, kind) -> {
            for (Document day : mongo.getDatabase("therapist").getCollection(collection).find()) {
                String id = day.getString("_id");
                String resource = id.substring(0, id.lastIndexOf('@'));
                for (Document session : day.getList("sessions", Document.class, List.of())) {
                    Number attempt = session.get("attempt", Number.class);
                    sessions.add(new Accounting.Session(kind, resource, session.getString("bookingId"), session.getString("absenceId"),
                            attempt == null ? 0 : attempt.intValue(), session.getDate("start").toInstant(),
                            session.getDate("end").toInstant()));
                }
            }
        });
        return sessions;
    }

    /** Records each of {@link #GROUPS} has not processed yet: end offset minus its committed offset, per partition. */
    private static Map<String, Long> lag(Admin admin) throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        for (String group : GROUPS) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = offsets(admin, committed.keySet(), OffsetSpec.latest());
            long behind = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    behind += Math.max(0, ends.getOrDefault(entry.getKey(), 0L) - entry.getValue().offset());
                }
            }
            lag.put(group, behind);
        }
        return lag;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(description ->
                description.partitions().forEach(info -> partitions.add(new TopicPartition(description.name(), info.partition()))));
        return offsets(admin, partitions, OffsetSpec.latest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec))).all().get(30, TimeUnit.SECONDS);
        return found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** The store's address, from booking-service's command line as the launcher wrote it. */
    private String mongoUri() {
        try {
            return Files.readAllLines(platform.dataDirectory().resolve("run").resolve("booking-service.command")).stream()
                    .filter(argument -> argument.startsWith("--spring.mongodb.uri="))
                    .map(argument -> argument.substring("--spring.mongodb.uri=".length()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No --spring.mongodb.uri= for booking-service"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
