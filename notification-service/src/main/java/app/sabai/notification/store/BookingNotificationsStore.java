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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
        BookingNotifications next = change.state();
        Criteria guard = Criteria.where("_id").is(next.bookingId()).and(BsonMapping.VERSION).is(current.version());
        Update update = BsonMapping.stateUpdate(next).set(BsonMapping.VERSION, current.version() + 1);
        if (appliedEventId != null) {
            guard = AppliedEvents.notYetApplied(guard, appliedEventId);
            AppliedEvents.markApplied(update, appliedEventId);
        }
        Instant nextDueAt = next.nextDueAt();
        if (nextDueAt == null) {
            update.unset(BsonMapping.NEXT_DUE_AT);
        } else {
            update.set(BsonMapping.NEXT_DUE_AT, Date.from(nextDueAt));
        }
        List<OutboxEntry> entries = outbox.append(update, change.events());
        boolean written;
        if (current.version() == 0) {
            try {
                // Matches an empty document left by a crash, or inserts; a document at a later version makes the
                // insert collide on _id, which is a lost race like any other.
                UpdateResult result = mongo.upsert(new Query(guard), update, COLLECTION);
                written = result.getModifiedCount() == 1 || result.getUpsertedId() != null;
            } catch (DuplicateKeyException raced) {
                written = false;
            }
        } else {
            written = mongo.updateFirst(new Query(guard), update, COLLECTION).getModifiedCount() == 1;
        }
        if (!written) {
            return Optional.empty();
        }
        if (!change.events().isEmpty()) {
            outbox.written(COLLECTION, next.bookingId(), entries);
        }
        StoredBookingNotifications stored = current.next(BsonMapping.asStored(next.bookingId(), update), appliedEventId);
        writeListeners.forEach(listener -> listener.accept(stored));
        return Optional.of(stored);
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
