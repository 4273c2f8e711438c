package app.sabai.support.it;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.staff.StaffEvent;
import app.sabai.contracts.staff.TherapistProfiled;
import app.sabai.support.consume.AppliedEvents;
import app.sabai.support.kafka.EventHandlers;
import app.sabai.support.kafka.ViewGroups;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxRelay;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestRecords;
import app.sabai.infra.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static app.sabai.support.it.TestEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class ServiceSupportIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    SupportTestApplication.ReceivedBookingEvents listener;
    @Autowired
    SupportTestApplication.BatchedNotificationEvents batched;
    @Autowired
    SupportTestApplication.ViewedBookings viewedBookings;
    @Autowired
    SupportTestApplication.ViewedStaff viewedStaff;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    Tracer tracer;
    @Autowired
    Propagator propagator;
    @LocalServerPort
    int port;

    @Test
    void theRelayPublishesOutboxEntriesWithCloudEventHeadersAndThenPullsThem() {
        String id = "widget-" + UUID.randomUUID();
        BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), "booking-" + id, "liverpool", "t-1");
        mongo.getCollection("widgets").insertOne(new Document("_id", id));

        Update update = new Update().set("state", "DONE");
        List<OutboxEntry> entries = outbox.append(update, List.of(event));
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), update, "widgets");
        outbox.written("widgets", id, entries);

        ConsumerRecord<String, byte[]> record = TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> event.eventId().toString().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(20)).orElseThrow();
        assertThat(record.key()).isEqualTo("liverpool");
        assertThat(TestRecords.header(record, "ce_type")).isEqualTo("sabai.bookings.BookingCompleted.v1");
        assertThat(TestRecords.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TestRecords.header(record, "ce_source")).isEqualTo("/sabai/support-test");
        assertThat(TestRecords.header(record, "ce_subject")).isEqualTo(event.bookingId());
        assertThat(TestRecords.header(record, "ce_time")).isNotBlank();
        assertThat(TestRecords.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TestRecords.header(record, "__TypeId__")).isNull();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"bookingId\":\"" + event.bookingId() + "\"");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Document stored = mongo.getCollection("widgets").find(new Document("_id", id)).first();
            assertThat(stored.getString("state")).isEqualTo("DONE");
            assertThat(stored.getList("outbox", Document.class)).isEmpty();
        });
    }

    @Test
    void producersSendAtOnceAndDurably() {
        Map<String, Object> producer = kafka.getProducerFactory().getConfigurationProperties();
        // No linger: a lone booking's events would wait 5 ms at each hop (Kafka's default since 4.0).
        assertThat(producer).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void thePeriodicSweepPublishesWhatNoNudgeAnnounced() {
        String id = "widget-" + UUID.randomUUID();
        BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), "booking-" + id, "bangkok-sukhumvit", "t-2");
        mongo.getCollection("widgets").insertOne(new Document("_id", id));
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), withOutbox(outbox, event), "widgets");

        assertThat(TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> event.eventId().toString().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(20))).isPresent();
    }

    /**
     * The sweep is a rare safety net (an hour here): when a relay fails because the broker is away, the relay tries again
     * a second later by itself, for a failed first sweep as for a failed nudge.
     */
    @Test
    void aFailedRelayIsTriedAgainWithinSecondsNotAtTheNextSweep() {
        String collection = "flaky_widgets";
        RefusingTemplate flakyBroker = new RefusingTemplate(kafka.getProducerFactory(), 1);
        AtomicInteger refusals = flakyBroker.refusals;
        OutboxRelay hourlySweeps = new OutboxRelay(mongo, flakyBroker, List.of(new OutboxSource(collection)), "support-test",
                Duration.ofHours(1), Duration.ofSeconds(5), tracer, propagator, new SimpleMeterRegistry());
        Outbox flakyOutbox = new Outbox(hourlySweeps, tracer);
        BookingCompleted leftByACrash = waitingIn(collection, flakyOutbox, "liverpool");
        try {
            hourlySweeps.start();
            assertThat(published(leftByACrash)).as("published by the sweep's retry").isPresent();
            await().atMost(Duration.ofSeconds(10)).until(() -> refusals.get() < 0);

            refusals.set(1);
            BookingCompleted nudged = waitingIn(collection, flakyOutbox, "bangkok-sukhumvit");
            flakyOutbox.written(collection, nudged.bookingId());
            assertThat(published(nudged)).as("published by the retry after a failed nudge").isPresent();
            assertThat(refusals.get()).as("the nudge was refused once").isNegative();
        } finally {
            hourlySweeps.stop();
            flakyBroker.destroy();
        }
    }

    private BookingCompleted waitingIn(String collection, Outbox into, String branchId) {
        String id = "widget-" + UUID.randomUUID();
        BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), id, branchId, "t-3");
        mongo.getCollection(collection).insertOne(new Document("_id", id));
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), withOutbox(into, event), collection);
        return event;
    }

    private static Update withOutbox(Outbox into, SabaiEvent... events) {
        Update update = new Update();
        into.append(update, List.of(events));
        return update;
    }

    private static Optional<ConsumerRecord<String, byte[]>> published(BookingCompleted event) {
        return TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> event.eventId().toString().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(15));
    }

    /** However many documents the collection holds, a sweep reads those with events waiting through its index. */
    @Test
    void theSweepReadsTheWaitingDocumentsWithoutScanningTheCollection() {
        String id = "widget-" + UUID.randomUUID();
        BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), "booking-" + id, "liverpool", "t-5");
        mongo.getCollection("widgets").insertOne(new Document("_id", id));
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), withOutbox(outbox, event), "widgets");
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection("widgets").listIndexes().into(new ArrayList<>())
                .stream().anyMatch(index -> "outbox_waiting".equals(index.getString("name"))));

        long scansBefore = collectionScans();
        int published = relay.sweep();
        long scansAfter = collectionScans();

        assertThat(published).isGreaterThanOrEqualTo(0);
        assertThat(scansAfter - scansBefore).as("collection scans during one sweep").isZero();
        assertThat(TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> event.eventId().toString().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(20))).isPresent();
    }

    private long collectionScans() {
        Document status = mongo.getDb().runCommand(new Document("serverStatus", 1));
        return status.get("metrics", Document.class).get("queryExecutor", Document.class)
                .get("collectionScans", Document.class).get("total", Number.class).longValue();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        TestRecords.publishRaw(Topic.BOOKINGS.topicName(), poisonKey, "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "sabai.bookings.BookingCompleted.v1", "ce_id", UUID.randomUUID().toString()));
        BookingCompleted after = new BookingCompleted(UUID.randomUUID(), Instant.now(), "after-" + poisonKey, poisonKey, "t-3");
        TestRecords.publish(Topic.BOOKINGS.topicName(), after);

        ConsumerRecord<String, byte[]> dead = TestRecords.find(Topic.BOOKINGS.deadLetterTopicName(),
                r -> poisonKey.equals(r.key()), Duration.ofSeconds(30)).orElseThrow();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(TestRecords.header(dead, "kafka_dlt-original-topic")).isEqualTo("sabai.bookings");
        assertThat(TestRecords.header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(TestRecords.header(dead, "ce_id")).isNotBlank();
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.contains(after));
    }

    @Test
    void aBatchListenerAppliesWhatSurroundsAPoisonRecordOnceAndDeadLettersOnlyThePoison() {
        String bookingId = "batch-" + UUID.randomUUID();
        NotificationSent before = sent(bookingId, "liverpool");
        NotificationSent after = sent(bookingId, "liverpool");
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), before);
        TestRecords.publishRaw(Topic.NOTIFICATIONS.topicName(), bookingId, "{\"bookingId\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "sabai.notifications.NotificationTeleported.v1", "ce_id", UUID.randomUUID().toString()));
        TestRecords.publishRaw(Topic.NOTIFICATIONS.topicName(), bookingId, "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "sabai.notifications.NotificationSent.v1", "ce_id", UUID.randomUUID().toString()));
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), after);

        await().atMost(Duration.ofSeconds(30)).until(() -> batched.all().contains(after));
        assertThat(batched.all()).filteredOn(event -> bookingId.equals(event.bookingId())).containsExactly(before, after);
        List<ConsumerRecord<String, byte[]>> dead = TestRecords.all(Topic.NOTIFICATIONS.deadLetterTopicName(),
                record -> bookingId.equals(record.key()), Duration.ofSeconds(3));
        assertThat(dead).as("the poison alone; the event of an unknown type is skipped").singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{not json"));
    }

    @Test
    void aBatchListenersEventThatFailsAloneIsDeadLetteredAndTheOthersAreAppliedOnce() {
        String bookingId = "batch-" + UUID.randomUUID();
        NotificationSent before = sent(bookingId, "liverpool");
        NotificationSent refused = sent(bookingId, "refused");
        NotificationSent after = sent(bookingId, "liverpool");
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), before);
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), refused);
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), after);

        await().atMost(Duration.ofSeconds(30)).until(() -> batched.all().contains(after));
        assertThat(batched.all()).filteredOn(event -> bookingId.equals(event.bookingId())).containsExactly(before, after);
        ConsumerRecord<String, byte[]> dead = TestRecords.find(Topic.NOTIFICATIONS.deadLetterTopicName(),
                record -> bookingId.equals(record.key()), Duration.ofSeconds(10)).orElseThrow();
        assertThat(TestRecords.header(dead, "ce_id")).isEqualTo(refused.eventId().toString());
        assertThat(TestRecords.header(dead, "kafka_dlt-exception-message")).contains("An event of branch 'refused' among 1");
    }

    @Test
    void eventsOfATypeThisVersionDoesNotKnowAreSkippedNotDeadLettered() {
        String key = "future-" + UUID.randomUUID();
        TestRecords.publishRaw(Topic.BOOKINGS.topicName(), key, "{\"bookingId\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "sabai.bookings.BookingTeleported.v1", "ce_id", UUID.randomUUID().toString()));
        BookingCompleted after = new BookingCompleted(UUID.randomUUID(), Instant.now(), "after-" + key, key, "t-4");
        TestRecords.publish(Topic.BOOKINGS.topicName(), after);

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.contains(after));
        assertThat(TestRecords.find(Topic.BOOKINGS.deadLetterTopicName(), r -> key.equals(r.key()), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void listenersCommitInBatchesAndStillCommitTheLastRecordsOnceIdle() throws Exception {
        assertThat(listeners.getListenerContainers()).filteredOn(container -> !ViewGroups.isPerStart(container.getGroupId()))
                .isNotEmpty().allSatisfy(container ->
                        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.COUNT_TIME));
        String key = "commit-" + UUID.randomUUID();
        List<BookingCompleted> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), key + "-" + i, key, "t-" + i);
            events.add(event);
            TestRecords.publish(Topic.BOOKINGS.topicName(), event);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.containsAll(events));
        ConsumerRecord<String, byte[]> last = TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> events.getLast().eventId().toString().equals(TestRecords.header(r, "ce_id")), Duration.ofSeconds(10)).orElseThrow();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(last.topic(), last.partition());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("support-test").partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                assertThat(committed).as("the committed offset of " + partition).isNotNull();
                assertThat(committed.offset()).isGreaterThan(last.offset());
            });
        }
    }

    @Test
    void oneConsumerOfTheServicesGroupFeedsEveryHandlerInBatches() {
        assertThat(listeners.getListenerContainers()).filteredOn(container -> !ViewGroups.isPerStart(container.getGroupId()))
                .singleElement().satisfies(container -> {
                    assertThat(container.getListenerId()).isEqualTo(EventHandlers.ID);
                    assertThat(container.getGroupId()).isEqualTo("support-test");
                    assertThat(container.getContainerProperties().getTopics())
                            .containsExactlyInAnyOrder("sabai.bookings", "sabai.notifications");
                    assertThat(container.getContainerProperties().getMessageListener()).isInstanceOf(BatchMessageListener.class);
                });
        String key = "handlers-" + UUID.randomUUID();
        BookingCompleted completed = new BookingCompleted(UUID.randomUUID(), Instant.now(), key, key, "t-1");
        NotificationSent sent = sent(key, key);
        TestRecords.publish(Topic.BOOKINGS.topicName(), completed);
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), sent);

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.contains(completed) && batched.all().contains(sent));
        assertThat(listener.received).doesNotHaveAnyElementsOfTypes(NotificationEvent.class);
        assertThat(batched.all()).filteredOn(event -> key.equals(event.bookingId())).containsExactly(sent);
    }

    @Test
    void anInMemoryViewsGroupOfOneStartCommitsNothingSoThatItVanishesWithItsProcess() throws Exception {
        String viewGroup = listeners.getListenerContainers().stream().map(MessageListenerContainer::getGroupId)
                .filter(ViewGroups::isPerStart).findFirst().orElseThrow();
        assertThat(viewGroup).startsWith("support-test-view-").hasSizeGreaterThan("support-test-view-".length() + 30);
        String key = "view-" + UUID.randomUUID();
        BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), key, key, "t-1");
        TestRecords.publish(Topic.BOOKINGS.topicName(), event);
        await().atMost(Duration.ofSeconds(20)).until(() -> viewedBookings.heard.contains(event) && listener.received.contains(event));
        ConsumerRecord<String, byte[]> record = TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> event.eventId().toString().equals(TestRecords.header(r, "ce_id")), Duration.ofSeconds(10)).orElseThrow();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            // Once the committing group has committed past the record, a view that committed would have too.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets("support-test")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(partition)).isNotNull()
                    .extracting(OffsetAndMetadata::offset).isEqualTo(record.offset() + 1));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(admin.listConsumerGroupOffsets(viewGroup).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS))
                            .as("offsets committed by " + viewGroup).isEmpty());
        }
    }

    @Test
    void oneConsumerFollowsEveryViewAndAReassignedOneRereadsOrForgetsAsEachViewAsks() {
        List<MessageListenerContainer> views = listeners.getListenerContainers().stream()
                .filter(container -> ViewGroups.isPerStart(container.getGroupId())).toList();
        assertThat(views).singleElement().satisfies(container -> {
            assertThat(container.getContainerProperties().getTopics()).containsExactlyInAnyOrder("sabai.bookings", "sabai.staff");
            assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.MANUAL);
            assertThat(((ConcurrentMessageListenerContainer<?, ?>) container).getConcurrency()).isEqualTo(1);
            assertThat(container.getContainerProperties().getKafkaConsumerProperties()).containsEntry("heartbeat.interval.ms", "15000");
        });
        assertThat(listeners.getListenerContainers()).filteredOn(container -> !ViewGroups.isPerStart(container.getGroupId()))
                .isNotEmpty().allSatisfy(listener -> assertThat(listener.getContainerProperties().getKafkaConsumerProperties())
                        .doesNotContainKey("heartbeat.interval.ms"));
        String key = "views-" + UUID.randomUUID();
        BookingCompleted booking = new BookingCompleted(UUID.randomUUID(), Instant.now(), key, key, "t-1");
        TherapistProfiled therapist = new TherapistProfiled(UUID.randomUUID(), Instant.now(), "t-" + key, "Malee Srisuk", null,
                "SENIOR", "liverpool", List.of(), List.of(), List.of(), List.of(), true);
        TestRecords.publish(Topic.BOOKINGS.topicName(), booking);
        TestRecords.publish(Topic.STAFF.topicName(), therapist);
        await().atMost(Duration.ofSeconds(20)).until(() -> viewedBookings.heard.contains(booking) && viewedStaff.heard.contains(therapist));
        assertThat(viewedStaff.heard).doesNotHaveAnyElementsOfTypes(BookingEvent.class);
        assertThat(viewedBookings.heard).doesNotHaveAnyElementsOfTypes(StaffEvent.class);

        int followed = viewedStaff.following.get();
        MessageListenerContainer container = views.getFirst();
        container.stop();
        container.start();
        // Given its partitions again, the view built from the topic reads it from the first record again, and the
        // view that follows from now on is told to forget what it holds, and hears nothing old.
        await().atMost(Duration.ofSeconds(30)).until(() -> viewedBookings.heard.stream().filter(booking::equals).count() == 2
                && viewedStaff.following.get() > followed);
        assertThat(viewedStaff.heard).containsOnlyOnce(therapist);
    }

    @Test
    void anEventIsAppliedOnceHoweverOftenItArrives() {
        String id = "widget-" + UUID.randomUUID();
        mongo.getCollection("widgets").insertOne(new Document("_id", id).append("count", 0));
        UUID eventId = UUID.randomUUID();

        long modified = 0;
        for (int delivery = 0; delivery < 3; delivery++) {
            Query notYetApplied = new Query(AppliedEvents.notYetApplied(Criteria.where("_id").is(id), eventId));
            modified += mongo.updateFirst(notYetApplied, AppliedEvents.markApplied(new Update().inc("count", 1), eventId), "widgets")
                    .getModifiedCount();
        }

        assertThat(modified).isEqualTo(1);
        assertThat(mongo.getCollection("widgets").find(new Document("_id", id)).first().getInteger("count")).isEqualTo(1);
    }

    @Test
    void clientMistakesGetProblemDetailsNamingTheField() throws Exception {
        HttpResponse<String> invalid = post("{\"name\":\"\",\"email\":\"nope\",\"quantity\":0}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(invalid.body()).contains("\"field\":\"name\"", "\"field\":\"email\"", "\"field\":\"quantity\"",
                "\"type\":\"https://sabai.app/problems/invalid-request\"");

        HttpResponse<String> badEnum = post("{\"name\":\"a\",\"quantity\":1,\"kind\":\"HUGE\"}");
        assertThat(badEnum.statusCode()).isEqualTo(400);
        assertThat(badEnum.body()).contains("\"field\":\"kind\"", "SMALL");

        HttpResponse<String> brokenJson = post("{\"name\":");
        assertThat(brokenJson.statusCode()).isEqualTo(400);
        assertThat(brokenJson.body()).contains("\"errors\"");

        HttpResponse<String> ruleBroken = post("{\"name\":\"a\",\"quantity\":11}");
        assertThat(ruleBroken.statusCode()).isEqualTo(400);
        assertThat(ruleBroken.body()).contains("\"field\":\"quantity\"", "at most 10");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestIssuer.get().bearer(TestCallers.customer()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
