package app.sabai.support.outbox;

import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes pending outbox entries with the idempotent producer, then pulls them from their document
 * by event id. A crash between the send and the pull only causes a redelivery, which consumers absorb.
 * Writers nudge the relay for low latency; a periodic sweep finds whatever a crash left behind.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int SWEEP_BATCH = 200;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Object> kafka;
    private final List<OutboxSource> sources;
    private final String source;
    private final Duration sweepInterval;
    private final Duration sendTimeout;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, List<OutboxSource> sources,
                       String applicationName, Duration sweepInterval, Duration sendTimeout) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.sources = List.copyOf(sources);
        this.source = CloudEventHeaders.sourceOf(applicationName);
        this.sweepInterval = sweepInterval;
        this.sendTimeout = sendTimeout;
    }

    /** Relays one document's pending entries soon, off the caller's thread. */
    public void nudge(String collection, Object id) {
        ScheduledExecutorService current = executor;
        if (running && current != null) {
            current.execute(() -> relayQuietly(collection, new Query(Criteria.where("_id").is(id))));
        }
    }

    /** Relays every pending entry of every source; returns how many events were published. */
    public int sweep() {
        int published = 0;
        for (OutboxSource outboxSource : sources) {
            published += relay(outboxSource.collection(),
                    new Query(Criteria.where(OutboxEntry.FIELD + ".0").exists(true)).limit(SWEEP_BATCH));
        }
        return published;
    }

    private void relayQuietly(String collection, Query query) {
        try {
            relay(collection, query);
        } catch (RuntimeException e) {
            log.warn("Outbox relay of {} failed, the next sweep retries: {}", collection, e.toString());
        }
    }

    private int relay(String collection, Query query) {
        query.fields().include(OutboxEntry.FIELD);
        int published = 0;
        for (Document document : mongo.find(query, Document.class, collection)) {
            List<Document> entries = document.getList(OutboxEntry.FIELD, Document.class, List.of());
            if (entries.isEmpty()) {
                continue;
            }
            List<String> sent = publish(entries);
            mongo.updateFirst(new Query(Criteria.where("_id").is(document.get("_id"))),
                    new Update().pull(OutboxEntry.FIELD, new Document("eventId", new Document("$in", sent))),
                    collection);
            published += sent.size();
        }
        return published;
    }

    private List<String> publish(List<Document> entries) {
        List<CompletableFuture<SendResult<String, Object>>> sends = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Document entry : entries) {
            sends.add(kafka.send(record(entry)));
            ids.add(entry.getString("eventId"));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        return ids;
    }

    private ProducerRecord<String, Object> record(Document entry) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(entry.getString("topic"), entry.getString("key"),
                entry.getString("payload").getBytes(StandardCharsets.UTF_8));
        Object occurredAt = entry.get("occurredAt");
        Instant time = occurredAt instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(occurredAt));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, entry.getString("eventId"));
        header(record, CloudEventHeaders.TYPE, entry.getString("type"));
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.SUBJECT, entry.getString("subject"));
        header(record, CloudEventHeaders.TIME, time.toString());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        String traceparent = entry.getString("traceparent");
        if (traceparent != null) {
            // The stored trace is the span that caused the event; the record is a new span of it.
            header(record, CloudEventHeaders.TRACEPARENT,
                    TraceParent.parse(traceparent).map(TraceParent::child).map(TraceParent::toString).orElse(traceparent));
        }
        return record;
    }

    private static void header(ProducerRecord<String, Object> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        executor.scheduleWithFixedDelay(this::sweepQuietly, 0, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            int published;
            do {
                published = sweep();
            } while (published >= SWEEP_BATCH && running);
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed, retrying in {}: {}", sweepInterval, e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the Kafka producer and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
