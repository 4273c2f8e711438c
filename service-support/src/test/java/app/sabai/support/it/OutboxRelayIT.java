package app.sabai.support.it;

import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxRelay;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestRecords;
import com.mongodb.client.result.UpdateResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.UpdateDefinition;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against the real broker and store, with a template that counts the relay's reads and writes: a write's own
 * entries go out without reading the document back, earlier entries a failed relay left go out first, documents
 * written while the relay is busy go out together, and what went out moments apart is pulled in one update.
 */
@SabaiServiceTest
class OutboxRelayIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    Tracer tracer;
    @Autowired
    Propagator propagator;

    @Test
    void aWritesOwnEntriesArePublishedWithoutReadingTheDocumentBack() {
        CountingMongo counting = new CountingMongo(mongo);
        Relay relay = start(counting, new KafkaTemplate<>(kafka.getProducerFactory()), "carried_widgets");
        try {
            int findsBefore = counting.finds.get();
            BookingCompleted carried = relay.write("carried-" + UUID.randomUUID(), true);
            assertThat(published(carried)).isPresent();
            awaitOutboxEmpty(relay.collection);
            assertThat(counting.finds.get()).as("reads by the relay for entries it was handed").isEqualTo(findsBefore);

            BookingCompleted unnamed = relay.write("unnamed-" + UUID.randomUUID(), false);
            assertThat(published(unnamed)).isPresent();
            awaitOutboxEmpty(relay.collection);
            assertThat(counting.finds.get()).as("a nudge without its entries reads the document").isEqualTo(findsBefore + 1);
        } finally {
            relay.stop();
        }
    }

    @Test
    void entriesAFailedRelayLeftArePublishedBeforeTheNextWritesOnes() {
        CountingMongo counting = new CountingMongo(mongo);
        RefusingTemplate refusingOnce = new RefusingTemplate(kafka.getProducerFactory(), 1);
        Relay relay = start(counting, refusingOnce, "refused_widgets");
        try {
            String id = "refused-" + UUID.randomUUID();
            BookingCompleted first = relay.write(id, true);
            await().atMost(Duration.ofSeconds(10)).until(() -> refusingOnce.refusals.get() < 1);
            BookingCompleted second = relay.write(id, true);

            ConsumerRecord<String, byte[]> firstRecord = published(first).orElseThrow();
            ConsumerRecord<String, byte[]> secondRecord = published(second).orElseThrow();
            assertThat(secondRecord.partition()).isEqualTo(firstRecord.partition());
            assertThat(firstRecord.offset()).as("the earlier write's event goes out first").isLessThan(secondRecord.offset());
            awaitOutboxEmpty(relay.collection);
        } finally {
            relay.stop();
            refusingOnce.destroy();
        }
    }

    @Test
    void entriesASweepPublishedBeforeTheirNudgeWasTakenAreNotPublishedAgain() {
        CountingMongo counting = new CountingMongo(mongo);
        Relay relay = start(counting, new KafkaTemplate<>(kafka.getProducerFactory()), "swept_widgets");
        try {
            String id = "swept-" + UUID.randomUUID();
            Written written = relay.writeWithoutNudge(id);
            assertThat(relay.relay.sweep()).as("the sweep finds the write first").isEqualTo(1);
            assertThat(published(written.event())).isPresent();

            relay.outbox.written(relay.collection, id, written.entries());
            BookingCompleted later = relay.write(id, true);
            assertThat(published(later)).as("a later write's own entry still goes out").isPresent();

            assertThat(TestRecords.all(Topic.BOOKINGS.topicName(),
                    r -> written.event().eventId().toString().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(2)))
                    .as("the swept entry, published once").hasSize(1);
        } finally {
            relay.stop();
        }
    }

    @Test
    void documentsWrittenWhileTheRelayIsBusyArePublishedTogetherAndAllPulledInOneUpdate() throws Exception {
        CountingMongo counting = new CountingMongo(mongo);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KafkaTemplate<String, Object> slowOnce = new KafkaTemplate<>(kafka.getProducerFactory()) {
            @Override
            public CompletableFuture<SendResult<String, Object>> send(ProducerRecord<String, Object> record) {
                if (held.getCount() > 0) {
                    held.countDown();
                    awaitQuietly(release);
                }
                return super.send(record);
            }
        };
        Relay relay = start(counting, slowOnce, "busy_widgets");
        try {
            int pullsOfOne = counting.updateFirsts.get();
            BookingCompleted holding = relay.write("busy-" + UUID.randomUUID(), true);
            assertThat(held.await(10, TimeUnit.SECONDS)).as("the relay is sending").isTrue();
            List<BookingCompleted> meanwhile = IntStream.range(0, 5).mapToObj(i -> relay.write("busy-" + i + "-" + UUID.randomUUID(), true)).toList();
            release.countDown();

            assertThat(published(holding)).isPresent();
            meanwhile.forEach(event -> assertThat(published(event)).isPresent());
            awaitOutboxEmpty(relay.collection);
            assertThat(counting.updateFirsts.get() - pullsOfOne).as("pulls of one document").isZero();
            assertThat(counting.updateMultis.get()).as("one pull for the first document and the five written meanwhile").isEqualTo(1);
        } finally {
            release.countDown();
            relay.stop();
            slowOnce.destroy();
        }
    }

    /** Published entries wait a moment in their document for their pull: a sweep meanwhile does not publish them again. */
    @Test
    void entriesPublishedAndNotPulledYetAreNotPublishedAgain() throws Exception {
        CountDownLatch pulling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingMongo holdingPulls = new CountingMongo(mongo) {
            @Override
            public UpdateResult updateFirst(Query query, UpdateDefinition update, String collectionName) {
                pulling.countDown();
                awaitQuietly(release);
                return super.updateFirst(query, update, collectionName);
            }
        };
        Relay relay = start(holdingPulls, new KafkaTemplate<>(kafka.getProducerFactory()), "pulled_widgets");
        try {
            BookingCompleted event = relay.write("pulled-" + UUID.randomUUID(), true);
            assertThat(published(event)).isPresent();
            assertThat(pulling.await(10, TimeUnit.SECONDS)).as("the relay is pulling").isTrue();

            assertThat(mongo.getCollection(relay.collection).countDocuments(new Document(OutboxEntry.WAITING, new Document("$exists", true))))
                    .as("documents with the entry still in their outbox").isEqualTo(1);
            assertThat(relay.relay.sweep()).as("events a sweep publishes while the pull waits").isZero();
            assertThat(relay.relay.backlog()).as("events counted as waiting").isZero();
            release.countDown();

            awaitOutboxEmpty(relay.collection);
            assertThat(TestRecords.all(Topic.BOOKINGS.topicName(),
                    r -> event.eventId().toString().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(2)))
                    .as("the event, published once").hasSize(1);
        } finally {
            release.countDown();
            relay.stop();
        }
    }

    private Relay start(CountingMongo counting, KafkaTemplate<String, Object> template, String collection) {
        mongo.dropCollection(collection);
        OutboxRelay relay = new OutboxRelay(counting, template, List.of(new OutboxSource(collection)), "support-test",
                Duration.ofHours(1), Duration.ofSeconds(5), tracer, propagator, new SimpleMeterRegistry());
        relay.start();
        // The sweep at start reads the waiting documents once; what is counted from here on is the nudges' work.
        await().atMost(Duration.ofSeconds(10)).until(() -> counting.finds.get() == 1);
        return new Relay(relay, new Outbox(relay, tracer), collection);
    }

    private final class Relay {

        final OutboxRelay relay;
        final Outbox outbox;
        final String collection;

        Relay(OutboxRelay relay, Outbox outbox, String collection) {
            this.relay = relay;
            this.outbox = outbox;
            this.collection = collection;
        }

        /** Writes an event into the document's outbox, creating it when missing, and nudges the relay, with the entries or without. */
        BookingCompleted write(String id, boolean withEntries) {
            Written written = writeWithoutNudge(id);
            if (withEntries) {
                outbox.written(collection, id, written.entries());
            } else {
                outbox.written(collection, id);
            }
            return written.event();
        }

        Written writeWithoutNudge(String id) {
            BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), id, "liverpool", "t-1");
            Update update = new Update().set("state", "DONE");
            List<OutboxEntry> entries = outbox.append(update, List.of(event));
            mongo.upsert(new Query(Criteria.where("_id").is(id)), update, collection);
            return new Written(event, entries);
        }

        void stop() {
            relay.stop();
        }
    }

    private record Written(BookingCompleted event, List<OutboxEntry> entries) {
    }

    private void awaitOutboxEmpty(String collection) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.getCollection(collection)
                .countDocuments(new Document(OutboxEntry.WAITING, new Document("$exists", true)))).isZero());
    }

    private static Optional<ConsumerRecord<String, byte[]>> published(BookingCompleted event) {
        return TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> event.eventId().toString().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(15));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The real template, counting the reads and updates the relay makes through it. */
    static class CountingMongo extends MongoTemplate {

        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger updateFirsts = new AtomicInteger();
        final AtomicInteger updateMultis = new AtomicInteger();

        CountingMongo(MongoTemplate real) {
            super(real.getMongoDatabaseFactory(), real.getConverter());
        }

        @Override
        public <T> List<T> find(Query query, Class<T> entityClass, String collectionName) {
            finds.incrementAndGet();
            return super.find(query, entityClass, collectionName);
        }

        @Override
        public UpdateResult updateFirst(Query query, UpdateDefinition update, String collectionName) {
            updateFirsts.incrementAndGet();
            return super.updateFirst(query, update, collectionName);
        }

        @Override
        public UpdateResult updateMulti(Query query, UpdateDefinition update, String collectionName) {
            updateMultis.incrementAndGet();
            return super.updateMulti(query, update, collectionName);
        }
    }
}
