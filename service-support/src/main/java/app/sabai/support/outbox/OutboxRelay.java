package app.sabai.support.outbox;

import app.sabai.contracts.envelope.CloudEventHeaders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes pending outbox entries with the idempotent producer, then pulls them from their document
 * by event id, what was published within {@link #PULL_DELAY} in one update per collection. A crash between the send
 * and the pull only causes a redelivery, which consumers absorb.
 * Writers nudge the relay, so an event goes out right after its write. The sweep is the safety net: at start, for
 * what a crash left behind, every {@code sweepInterval} (30 s by default), for what another instance left, and a second
 * after a relay failed, while the broker or the database is away, until a sweep succeeds.
 *
 * <p>Each record is sent inside a span whose parent is the trace stored with its entry, so the record's
 * {@code traceparent} continues the work that wrote the event, not the relay's own. The relay keeps count of the
 * entries it found and has not published yet ({@code sabai.outbox.backlog}, per collection) from what it reads
 * anyway: a scrape reads a number, never the database.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int SWEEP_BATCH = 200;
    private static final int READ_BACK_REMEMBERED = 10_000;
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    /**
     * How long published entries wait to be pulled from their documents, so that one update pulls what several rounds
     * published: each update is a commit of the store. A booking's next event usually comes within it.
     */
    static final Duration PULL_DELAY = Duration.ofMillis(200);
    private static final String BACKLOG = "sabai.outbox.backlog";
    static final String WAITING_INDEX = "outbox_waiting";

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Object> kafka;
    private final List<OutboxSource> sources;
    private final String source;
    private final Duration sweepInterval;
    private final Duration sendTimeout;
    private final Tracer tracer;
    private final Propagator propagator;
    private final MeterRegistry meters;
    private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile boolean indexed;
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final Queue<Nudge> nudged = new ConcurrentLinkedQueue<>();
    private final ReadBack readBack = new ReadBack(READ_BACK_REMEMBERED);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Pulls pulls = new Pulls();

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, List<OutboxSource> sources,
                       String applicationName, Duration sweepInterval, Duration sendTimeout, Tracer tracer,
                       Propagator propagator, MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.sources = List.copyOf(sources);
        this.source = CloudEventHeaders.sourceOf(applicationName);
        this.sweepInterval = sweepInterval;
        this.sendTimeout = sendTimeout;
        this.tracer = tracer;
        this.propagator = propagator;
        this.meters = meters;
        this.sources.forEach(outboxSource -> backlog(outboxSource.collection()));
    }

    /**
     * Relays one document's newly written entries soon, off the caller's thread; with {@code entries} null, or when this
     * relay knows of earlier entries of the document that it could not publish, it reads the document's outbox instead.
     * Nudges that arrive while the relay is busy are relayed together: one read for the documents to read, one wait for
     * the broker's acknowledgements, one update pulling what was published.
     */
    public void nudge(String collection, Object id, List<OutboxEntry> entries) {
        if (running && executor != null) {
            nudged.add(new Nudge(collection, id, entries));
            if (draining.compareAndSet(false, true)) {
                execute(this::relayNudgedQuietly);
            }
        }
    }

    private void execute(Runnable task) {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return;
        }
        try {
            current.execute(task);
        } catch (RejectedExecutionException stopping) {
            // stopped meanwhile: whatever was written waits for the next start's sweep
        }
    }

    /**
     * Relays every pending entry of every source, then looks again at the documents still counted as pending that the
     * sweep did not reach (published by another instance, or in a collection that is no source); returns how many
     * events were published.
     */
    public int sweep() {
        int published = 0;
        Map<String, Set<Object>> seen = new HashMap<>();
        for (OutboxSource outboxSource : sources) {
            Map<Object, List<OutboxEntry>> waiting = read(outboxSource.collection(),
                    new Query(Criteria.where(OutboxEntry.WAITING).exists(true)).limit(SWEEP_BATCH));
            seen.computeIfAbsent(outboxSource.collection(), collection -> new HashSet<>()).addAll(waiting.keySet());
            published += publish(Map.of(outboxSource.collection(), waiting));
        }
        for (Map.Entry<String, Backlog> backlog : backlogs.entrySet()) {
            Set<Object> counted = new HashSet<>(backlog.getValue().documents.keySet());
            counted.removeAll(seen.getOrDefault(backlog.getKey(), Set.of()));
            if (!counted.isEmpty()) {
                Map<Object, List<OutboxEntry>> found = read(backlog.getKey(), new Query(Criteria.where("_id").in(counted)));
                counted.stream().filter(id -> !found.containsKey(id)).forEach(gone -> backlog.getValue().set(gone, 0));
                published += publish(Map.of(backlog.getKey(), found));
            }
        }
        return published;
    }

    /** Events found in outboxes and not published yet, as far as this relay has seen. */
    public long backlog() {
        return backlogs.values().stream().mapToLong(backlog -> backlog.events.get()).sum();
    }

    private void relayNudgedQuietly() {
        // Cleared before taking the nudges: one that arrives from now on is taken here or by the task it schedules.
        draining.set(false);
        List<Nudge> taken = new ArrayList<>();
        for (Nudge nudge = nudged.poll(); nudge != null; nudge = nudged.poll()) {
            taken.add(nudge);
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            publish(entriesOf(taken));
        } catch (RuntimeException e) {
            log.warn("Outbox relay of {} written documents failed, a sweep retries in {}: {}", taken.size(), RETRY_AFTER_FAILURE,
                    e.toString());
            retrySoon();
        }
    }

    /**
     * The entries to publish per collection and document, in the order written. A document is read back when a nudge
     * carries no entries, or when this relay counts entries of it as pending that it could not publish: those come
     * first, and the read returns them with the newer ones.
     */
    private Map<String, Map<Object, List<OutboxEntry>>> entriesOf(List<Nudge> taken) {
        Map<String, Map<Object, List<OutboxEntry>>> byCollection = new LinkedHashMap<>();
        Map<String, Set<Object>> toRead = new HashMap<>();
        for (Nudge nudge : taken) {
            Set<Object> reading = toRead.computeIfAbsent(nudge.collection(), collection -> new LinkedHashSet<>());
            Map<Object, List<OutboxEntry>> documents = byCollection.computeIfAbsent(nudge.collection(), collection -> new LinkedHashMap<>());
            if (reading.contains(nudge.id())) {
                continue;
            }
            if (nudge.entries() == null || backlog(nudge.collection()).documents.containsKey(nudge.id())) {
                documents.remove(nudge.id());
                reading.add(nudge.id());
            } else {
                List<OutboxEntry> notYetRead = nudge.entries().stream().filter(entry -> !readBack.forget(entry.eventId())).toList();
                documents.computeIfAbsent(nudge.id(), id -> new ArrayList<>()).addAll(notYetRead);
            }
        }
        toRead.forEach((collection, ids) -> {
            if (!ids.isEmpty()) {
                byCollection.get(collection).putAll(read(collection, new Query(Criteria.where("_id").in(ids))));
            }
        });
        return byCollection;
    }

    /** The waiting entries of the documents the query finds, by document; each document's count goes into the backlog. */
    private Map<Object, List<OutboxEntry>> read(String collection, Query query) {
        query.fields().include(OutboxEntry.FIELD);
        Backlog backlog = backlog(collection);
        Map<Object, List<OutboxEntry>> waiting = new LinkedHashMap<>();
        for (Document document : mongo.find(query, Document.class, collection)) {
            // Entries published and not pulled yet are not waiting any more.
            List<OutboxEntry> read = document.getList(OutboxEntry.FIELD, Document.class, List.of()).stream()
                    .map(OutboxEntry::from).filter(entry -> !pulls.isPublished(entry.eventId())).toList();
            backlog.set(document.get("_id"), read.size());
            read.forEach(entry -> readBack.remember(entry.eventId()));
            waiting.put(document.get("_id"), read);
        }
        return waiting;
    }

    /**
     * Sends every entry and waits once for all the acknowledgements; the published entries are then pulled within
     * {@link #PULL_DELAY}. Until the acknowledgements, each document counts as pending, so a failure on the way leaves it
     * to be read again.
     */
    private int publish(Map<String, Map<Object, List<OutboxEntry>>> byCollection) {
        List<CompletableFuture<SendResult<String, Object>>> sends = new ArrayList<>();
        byCollection.forEach((collection, documents) -> {
            Backlog backlog = backlog(collection);
            documents.forEach((id, entries) -> {
                if (!entries.isEmpty()) {
                    backlog.set(id, entries.size());
                    entries.forEach(entry -> sends.add(send(entry)));
                }
            });
        });
        if (sends.isEmpty()) {
            return 0;
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        byCollection.forEach((collection, documents) -> {
            Backlog backlog = backlog(collection);
            documents.forEach((id, entries) -> {
                if (!entries.isEmpty()) {
                    pulls.add(collection, id, entries.stream().map(OutboxEntry::eventId).toList());
                    backlog.set(id, 0);
                }
            });
        });
        pullSoon(PULL_DELAY);
        return sends.size();
    }

    private void pullSoon(Duration delay) {
        ScheduledExecutorService current = executor;
        if (current != null && pulls.schedule()) {
            try {
                current.schedule(this::pullPublishedQuietly, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // Stopping: stop() pulls what is left itself.
                pulls.unschedule();
            }
        }
    }

    private void pullPublishedQuietly() {
        pulls.unschedule();
        try {
            pullPublished();
        } catch (RuntimeException e) {
            // Left in their documents and remembered as published: pulled on the next try, never published again here.
            log.warn("Pulling published outbox entries failed, trying again in {}: {}", RETRY_AFTER_FAILURE, e.toString());
            pullSoon(RETRY_AFTER_FAILURE);
        }
    }

    /**
     * One update per collection pulls every entry published since the last (event ids are unique, so {@code _id $in}
     * with {@code $pull eventId $in} takes each document's own entries, and only those).
     */
    private void pullPublished() {
        pulls.published().forEach((collection, documents) -> {
            List<String> eventIds = documents.values().stream().flatMap(List::stream).toList();
            Update pull = new Update().pull(OutboxEntry.FIELD, new Document("eventId", new Document("$in", eventIds)));
            if (documents.size() == 1) {
                mongo.updateFirst(new Query(Criteria.where("_id").is(documents.keySet().iterator().next())), pull, collection);
            } else {
                mongo.updateMulti(new Query(Criteria.where("_id").in(documents.keySet())), pull, collection);
            }
            pulls.pulled(collection, documents);
        });
    }

    /**
     * Sends the entry inside a span whose parent is the trace stored with it. The record carries that span's
     * {@code traceparent}; the template's own observation, when enabled, replaces it with its child in the same trace.
     */
    private CompletableFuture<SendResult<String, Object>> send(OutboxEntry entry) {
        ProducerRecord<String, Object> record = record(entry);
        String traceparent = entry.traceparent();
        Span.Builder builder = traceparent == null
                ? tracer.spanBuilder()
                : propagator.extract(Map.of(CloudEventHeaders.TRACEPARENT, traceparent), Map::get);
        Span span = builder.name("outbox relay").tag("messaging.destination.name", record.topic()).start();
        propagator.inject(span.context(), record, (carrier, name, value) -> {
            carrier.headers().remove(name);
            header(carrier, name, value);
        });
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return kafka.send(record).whenComplete((result, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
        } catch (RuntimeException e) {
            span.error(e);
            span.end();
            throw e;
        }
    }

    private ProducerRecord<String, Object> record(OutboxEntry entry) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(entry.topic(), entry.key(),
                entry.payload().getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, entry.eventId());
        header(record, CloudEventHeaders.TYPE, entry.type());
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.SUBJECT, entry.subject());
        header(record, CloudEventHeaders.TIME, entry.occurredAt().toString());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, Object> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Backlog backlog(String collection) {
        return backlogs.computeIfAbsent(collection, name -> {
            Backlog backlog = new Backlog();
            Gauge.builder(BACKLOG, backlog.events, AtomicLong::get)
                    .description("Events written to outboxes and not yet published")
                    .tag("collection", name)
                    .register(meters);
            return backlog;
        });
    }

    /**
     * The ids of entries the relay read from their documents (and so publishes from there), until a nudge hands them over
     * too: a sweep, or a read for another nudge, may find a write's entries before the relay takes that write's own nudge,
     * and the nudge must not publish them a second time. Entries whose nudge never comes (another instance wrote them, or
     * its writer stopped) are forgotten oldest first beyond {@code capacity}.
     */
    static final class ReadBack {

        private final int capacity;
        private final Set<String> eventIds = new LinkedHashSet<>();

        ReadBack(int capacity) {
            this.capacity = capacity;
        }

        synchronized void remember(String eventId) {
            if (eventIds.add(eventId) && eventIds.size() > capacity) {
                eventIds.remove(eventIds.iterator().next());
            }
        }

        /** Whether the entry was read back (its nudge then hands over nothing new), forgetting it. */
        synchronized boolean forget(String eventId) {
            return eventIds.remove(eventId);
        }
    }

    /**
     * Entries published and not yet pulled from their documents, by collection and document. A read of a document skips
     * them, so neither a sweep nor a nudge publishes them again; a crash before their pull leaves them to the next start's
     * sweep, a redelivery that consumers absorb.
     */
    static final class Pulls {

        private final Map<String, Map<Object, List<String>>> byCollection = new LinkedHashMap<>();
        private final Set<String> eventIds = new HashSet<>();
        private boolean scheduled;

        synchronized void add(String collection, Object id, List<String> published) {
            byCollection.computeIfAbsent(collection, name -> new LinkedHashMap<>()).computeIfAbsent(id, key -> new ArrayList<>())
                    .addAll(published);
            eventIds.addAll(published);
        }

        synchronized boolean isPublished(String eventId) {
            return eventIds.contains(eventId);
        }

        /** A copy of what waits; each part is forgotten only once {@link #pulled} says so. */
        synchronized Map<String, Map<Object, List<String>>> published() {
            Map<String, Map<Object, List<String>>> copy = new LinkedHashMap<>();
            byCollection.forEach((collection, documents) -> {
                Map<Object, List<String>> byDocument = new LinkedHashMap<>();
                documents.forEach((id, ids) -> byDocument.put(id, List.copyOf(ids)));
                copy.put(collection, byDocument);
            });
            return copy;
        }

        synchronized void pulled(String collection, Map<Object, List<String>> documents) {
            Map<Object, List<String>> waiting = byCollection.get(collection);
            documents.forEach((id, ids) -> {
                ids.forEach(eventIds::remove);
                List<String> left = waiting.get(id);
                left.removeAll(ids);
                if (left.isEmpty()) {
                    waiting.remove(id);
                }
            });
            if (waiting.isEmpty()) {
                byCollection.remove(collection);
            }
        }

        /** Whether a pull must be scheduled: none is, and something waits. */
        synchronized boolean schedule() {
            if (scheduled || byCollection.isEmpty()) {
                return false;
            }
            scheduled = true;
            return true;
        }

        synchronized void unschedule() {
            scheduled = false;
        }
    }

    /** A document written with entries to publish: those entries, or null for whatever its outbox holds. */
    private record Nudge(String collection, Object id, List<OutboxEntry> entries) {
    }

    /** The entries found pending in each document of one collection, and their sum. */
    private static final class Backlog {

        final Map<Object, Integer> documents = new ConcurrentHashMap<>();
        final AtomicLong events = new AtomicLong();

        void set(Object id, int pending) {
            documents.compute(id, (key, before) -> {
                events.addAndGet(pending - (before == null ? 0 : before));
                return pending == 0 ? null : pending;
            });
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        draining.set(false);
        running = true;
        executor.scheduleWithFixedDelay(this::sweepQuietly, 0, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            if (!indexed) {
                ensureWaitingIndexes();
                indexed = true;
            }
            int published;
            do {
                published = sweep();
                if (published >= SWEEP_BATCH) {
                    // A full batch's documents stay waiting until pulled: pulled now, the next batch is read past them.
                    pullPublished();
                }
            } while (published >= SWEEP_BATCH && running);
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed, retrying in {}: {}", RETRY_AFTER_FAILURE, e.toString());
            retrySoon();
        }
    }

    /** One sweep a second after a failure (however many nudges failed), and again after it while it fails. */
    private void retrySoon() {
        ScheduledExecutorService current = executor;
        if (running && current != null && retryScheduled.compareAndSet(false, true)) {
            current.schedule(() -> {
                retryScheduled.set(false);
                sweepQuietly();
            }, RETRY_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The sweep reads only the documents with events waiting, through a sparse index on {@link OutboxEntry#WAITING}, so it
     * costs as much as the backlog, not as the collection. Made by the sweep itself (and again after a failure), so a
     * service starts while the database is still away.
     */
    private void ensureWaitingIndexes() {
        for (OutboxSource outboxSource : sources) {
            mongo.indexOps(outboxSource.collection()).createIndex(
                    new Index().on(OutboxEntry.WAITING, Sort.Direction.ASC).sparse().named(WAITING_INDEX));
        }
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            // What was published is pulled before the relay lets go, rather than published again by the next start.
            execute(this::pullPublishedQuietly);
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
