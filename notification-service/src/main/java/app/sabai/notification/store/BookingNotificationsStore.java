package app.sabai.notification.store;

import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Change;
import app.sabai.support.consume.AppliedEvents;
import app.sabai.support.mongo.BulkWrites;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.domain.Sort;
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
        Guarded write = guarded(new Write(current, change, appliedEventId));
        boolean written;
        if (write.creates()) {
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

    /**
     * The writes of several bookings' documents in one request (an unordered bulk write), each guarded as {@link #update}
     * guards it: answers, in their order, each document as written, or empty where someone else wrote first. A write that
     * may create its document is an upsert, which the store answers one by one (inserted, matched, or refused on
     * {@code _id}); of the other writes it answers only how many changed. When fewer of those changed than were sent,
     * they are all answered empty, as a lost race is: the caller reads again and decides again, and finds there what
     * landed (a message's outcome already recorded, say). The relay is then asked to read those documents' outboxes,
     * so the events of a write that did land are published without waiting for its sweep.
     */
    public List<Optional<StoredBookingNotifications>> updateAll(List<Write> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        if (writes.size() == 1) {
            Write write = writes.getFirst();
            return List.of(update(write.current(), write.change(), write.appliedEventId()));
        }
        List<Guarded> guarded = writes.stream().map(this::guarded).toList();
        Set<String> ids = new HashSet<>();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (Guarded write : guarded) {
            if (!ids.add(write.bookingId())) {
                throw new IllegalArgumentException("Two writes of booking " + write.bookingId() + " in one request");
            }
            if (write.creates()) {
                bulk.upsert(write.guard(), write.update());
            } else {
                bulk.updateOne(write.guard(), write.update());
            }
        }
        BulkWrites.Answer answer = BulkWrites.execute(bulk);
        Set<Integer> refused = answer.refusedOnId();
        // Every upsert is answered on its own: inserted, matched (an empty document a crash left) or refused.
        boolean allKnown = answer.accountsFor(writes.size());
        List<Optional<StoredBookingNotifications>> answers = new ArrayList<>(writes.size());
        for (int index = 0; index < guarded.size(); index++) {
            Guarded write = guarded.get(index);
            if (refused.contains(index)) {
                answers.add(Optional.empty());
            } else if (allKnown || write.creates()) {
                answers.add(Optional.of(landed(write)));
            } else {
                if (!write.entries().isEmpty()) {
                    outbox.written(COLLECTION, write.bookingId());
                }
                answers.add(Optional.empty());
            }
        }
        return answers;
    }

    /** A guarded write to make: the document as read, the change decided on it, and the event it applies (or null). */
    public record Write(StoredBookingNotifications current, Change change, UUID appliedEventId) {
    }

    /** {@code write} as the store is sent it: the guard (and whether it may create the document), the update, its outbox entries. */
    private record Guarded(Write write, Query guard, Update update, List<OutboxEntry> entries, boolean creates) {

        String bookingId() {
            return write.change().state().bookingId();
        }
    }

    private Guarded guarded(Write write) {
        BookingNotifications next = write.change().state();
        Criteria guard = Criteria.where("_id").is(next.bookingId()).and(BsonMapping.VERSION).is(write.current().version());
        Update update = BsonMapping.stateUpdate(next).set(BsonMapping.VERSION, write.current().version() + 1);
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
        // From version 0 the update may create the document.
        return new Guarded(write, new Query(guard), update, entries, write.current().version() == 0);
    }

    /** What follows a write that landed: its events to the relay, the document as written to whoever listens. */
    private StoredBookingNotifications landed(Guarded write) {
        if (!write.entries().isEmpty()) {
            outbox.written(COLLECTION, write.bookingId(), write.entries());
        }
        StoredBookingNotifications stored = write.write().current()
                .next(BsonMapping.asStored(write.bookingId(), write.update()), write.write().appliedEventId());
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
