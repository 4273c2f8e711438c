package app.sabai.notification.store;

import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Change;
import app.sabai.support.consume.AppliedEvents;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One document per booking in {@code booking_notifications} ({@code _id} = bookingId), holding the state,
 * its {@code outbox} and the ids of the events applied. Every change is one update guarded by the
 * version it was read at, so a lost race modifies nothing and the caller reads again. A change from version 0
 * may create the document in the same update. Whoever registered with {@link #onWritten} is told of every
 * document written, as written (the dispatcher schedules its next due time from it).
 */
@Component
public class BookingNotificationsStore {

    public static final String COLLECTION = "booking_notifications";

    private static final Logger log = LoggerFactory.getLogger(BookingNotificationsStore.class);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final List<Consumer<StoredBookingNotifications>> writeListeners = new CopyOnWriteArrayList<>();

    public BookingNotificationsStore(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    public Optional<StoredBookingNotifications> find(String bookingId) {
        return Optional.ofNullable(mongo.findOne(byId(bookingId), Document.class, COLLECTION)).map(BsonMapping::read);
    }

    /**
     * The booking's document, created empty (version 0, nothing pending) when it does not exist yet. An
     * empty document left behind by a crash is harmless: the redelivered event fills it in.
     */
    public StoredBookingNotifications findOrCreate(String bookingId) {
        return find(bookingId).orElseGet(() -> {
            try {
                mongo.upsert(byId(bookingId), new Update().setOnInsert(BsonMapping.VERSION, 0L), COLLECTION);
            } catch (DuplicateKeyException raced) {
                // Another consumer created it at the same moment: just as good.
            }
            return find(bookingId).orElseThrow();
        });
    }

    /** Registers {@code listener} to be told of every document this store writes, as written (until it is removed). */
    public Runnable onWritten(Consumer<StoredBookingNotifications> listener) {
        writeListeners.add(listener);
        return () -> writeListeners.remove(listener);
    }

    /**
     * Writes the change if the document is still at the version {@code current} was read at (and, when an
     * event is given, that event is not applied yet), with its events in the outbox, all in one update.
     *
     * @return false when someone else changed the document first: read again and decide again
     */
    public boolean write(StoredBookingNotifications current, Change change, UUID appliedEventId) {
        return update(current, change, appliedEventId).isPresent();
    }

    /**
     * As {@link #write}, returning the document as written, so the caller can go on from it without reading it
     * again. From version 0 ({@link StoredBookingNotifications#absent}, or an empty document a crash left) the
     * update creates the document when there is none; if another writer created it first, nothing is written.
     *
     * @return empty when someone else changed (or created) the document first: read again and decide again
     */
    public Optional<StoredBookingNotifications> update(StoredBookingNotifications current, Change change, UUID appliedEventId) {
        Prepared write = prepare(new Write(current, change, appliedEventId));
        boolean written;
        if (current.version() == 0) {
            try {
                // Matches an empty document left by a crash, or inserts; a document at a later version makes the
                // insert collide on _id, which is a lost race like any other.
                UpdateResult result = mongo.upsert(write.guard(), write.update(), COLLECTION);
                written = result.getModifiedCount() == 1 || result.getUpsertedId() != null;
            } catch (DuplicateKeyException raced) {
                written = false;
            }
        } else {
            written = mongo.updateFirst(write.guard(), write.update(), COLLECTION).getModifiedCount() == 1;
        }
        return written ? Optional.of(landed(write)) : Optional.empty();
    }

    /** A change to write over the document as read ({@code current}), applying {@code appliedEventId} when given. */
    public record Write(StoredBookingNotifications current, Change change, UUID appliedEventId) {
    }

    /**
     * As {@link #update} for several bookings' first documents, in one bulk write: each write from version 0 (the
     * document absent, or left empty by a crash), each to its own booking. The result of each, in order: the document
     * as written, or empty when someone else wrote it first (read again and decide again).
     */
    public List<Optional<StoredBookingNotifications>> createAll(List<Write> writes) {
        if (writes.stream().anyMatch(write -> write.current().version() != 0)
                || writes.stream().map(write -> write.change().state().bookingId()).distinct().count() != writes.size()) {
            throw new IllegalArgumentException("createAll writes documents from version 0, one per booking");
        }
        List<Prepared> prepared = writes.stream().map(this::prepare).toList();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        prepared.forEach(write -> bulk.upsert(write.guard(), write.update()));
        Set<Integer> lost = new HashSet<>();
        try {
            bulk.execute();
        } catch (BulkOperationException raced) {
            // An upsert whose document exists at a later version collides on _id: that write lost its race. One that
            // matched (an empty document a crash left) or inserted has landed.
            raced.getErrors().forEach(error -> lost.add(error.getIndex()));
        }
        List<Optional<StoredBookingNotifications>> results = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            results.add(lost.contains(i) ? Optional.empty() : Optional.of(landed(prepared.get(i))));
        }
        return results;
    }

    /** The guard and update of a write, with its outbox entries appended to the update. */
    private record Prepared(Write write, Query guard, Update update, List<OutboxEntry> entries) {
    }

    private Prepared prepare(Write write) {
        StoredBookingNotifications current = write.current();
        BookingNotifications next = write.change().state();
        Criteria guard = Criteria.where("_id").is(next.bookingId()).and(BsonMapping.VERSION).is(current.version());
        Update update = BsonMapping.stateUpdate(next).set(BsonMapping.VERSION, current.version() + 1);
        if (write.appliedEventId() != null) {
            guard = AppliedEvents.notYetApplied(guard, write.appliedEventId());
            AppliedEvents.markApplied(update, write.appliedEventId());
        }
        Instant nextDueAt = next.nextDueAt();
        if (nextDueAt == null) {
            update.unset(BsonMapping.NEXT_DUE_AT);
        } else {
            update.set(BsonMapping.NEXT_DUE_AT, Date.from(nextDueAt));
        }
        List<OutboxEntry> entries = outbox.append(update, write.change().events());
        return new Prepared(write, new Query(guard), update, entries);
    }

    /** What follows a write that landed: its events are announced to the relay, and whoever listens is told of it. */
    private StoredBookingNotifications landed(Prepared prepared) {
        Write write = prepared.write();
        String bookingId = write.change().state().bookingId();
        if (!write.change().events().isEmpty()) {
            outbox.written(COLLECTION, bookingId, prepared.entries());
        }
        StoredBookingNotifications stored = write.current().next(BsonMapping.asStored(bookingId, prepared.update()), write.appliedEventId());
        writeListeners.forEach(listener -> listener.accept(stored));
        return stored;
    }

    /** Rewrites a stored {@code nextDueAt} that no longer matches the state (a lease setting that changed, say). */
    public void refreshNextDueAt(StoredBookingNotifications current) {
        if (!Objects.equals(current.nextDueAt(), current.state().nextDueAt())) {
            write(current, Change.none(current.state()), null);
        }
    }

    /** Bookings with something due by {@code until}, soonest first, with that time. */
    public List<DueBooking> dueBy(Instant until, int limit) {
        Query due = new Query(Criteria.where(BsonMapping.NEXT_DUE_AT).lte(Date.from(until)))
                .with(Sort.by(BsonMapping.NEXT_DUE_AT)).limit(limit);
        due.fields().include("_id").include(BsonMapping.NEXT_DUE_AT);
        return mongo.find(due, Document.class, COLLECTION).stream()
                .map(document -> new DueBooking(document.getString("_id"), document.getDate(BsonMapping.NEXT_DUE_AT).toInstant()))
                .toList();
    }

    /** A booking with something due at {@code dueAt}. */
    public record DueBooking(String bookingId, Instant dueAt) {
    }

    /**
     * Serves the dispatcher's safety-net query, on MongoDB and on the embedded store (a range over a single-field
     * index); documents with nothing pending carry no {@code nextDueAt} and the index is sparse.
     */
    @EventListener(ApplicationReadyEvent.class)
    void ensureIndexes() {
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index(BsonMapping.NEXT_DUE_AT, Sort.Direction.ASC).sparse());
        } catch (RuntimeException e) {
            log.warn("Could not create the nextDueAt index on {}: {}", COLLECTION, e.toString());
        }
    }

    private static Query byId(String bookingId) {
        return new Query(Criteria.where("_id").is(bookingId));
    }
}
