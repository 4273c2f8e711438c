package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStanding;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.lifecycle.BookingSummary;
import app.sabai.booking.lifecycle.IdempotencyRecord;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.support.consume.AppliedEvents;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code bookings} collection. A booking document holds its state, its pending events ({@code outbox}),
 * the ids of the events applied to it, the {@code Idempotency-Key}s of the commands applied to it, its
 * idempotency record and a {@code revision} that every change of its life counts; every change is one
 * single-document write.
 */
@Repository
public class Bookings {

    public static final String COLLECTION = "bookings";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";
    static final String FIRST_ANSWER = "firstAnswer";
    static final String REVISION = "revision";
    static final String APPLIED_COMMANDS = "appliedCommandKeys";
    /**
     * When a REQUESTED booking began to wait for its decision: present exactly while it waits, so the watch over overdue
     * decisions finds the waiting ones through a sparse index on it. Every trigger moves a booking out of REQUESTED, so
     * any change applied to a REQUESTED booking ends the wait in the same write.
     */
    static final String AWAITING_DECISION = "awaitingDecisionSince";
    static final String AWAITING_DECISION_INDEX = "awaiting_decision";
    /** Retries of a command arrive within a day; a booking sees few commands in that time. */
    static final int REMEMBERED_COMMANDS = 50;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final BookingMeasures measures;

    Bookings(MongoTemplate mongo, Outbox outbox, BookingMeasures measures) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.measures = measures;
        // Every booking has a key (its own id when the client sent none), so a plain unique index decides races.
        mongo.indexOps(COLLECTION).createIndex(new Index().on(IDEMPOTENCY_KEY, Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index().on(AWAITING_DECISION, Sort.Direction.ASC).sparse().named(AWAITING_DECISION_INDEX));
    }

    /** A booking as read to change it: its state, the revision the change must still find, and the command keys it applied. */
    public record StoredBooking(Booking booking, Long revision, List<String> appliedCommandKeys) {

        public boolean hasApplied(String commandKey) {
            return commandKey != null && appliedCommandKeys.contains(commandKey);
        }
    }

    public Optional<StoredBooking> findStored(String bookingId) {
        if (bookingId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(bookingId, Document.class, COLLECTION))
                .map(document -> new StoredBooking(mongo.getConverter().read(Booking.class, document), revision(document),
                        stringList(document, APPLIED_COMMANDS)));
    }

    public Optional<Booking> find(String bookingId) {
        if (bookingId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(bookingId, Booking.class, COLLECTION));
    }

    /** A booking read to apply an event to it, and whether that event was applied to it already. */
    public record ReadForEvent(Booking booking, boolean alreadyApplied) {
    }

    public Optional<ReadForEvent> findForEvent(String bookingId, UUID eventId) {
        if (bookingId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(bookingId, Document.class, COLLECTION))
                .map(document -> new ReadForEvent(mongo.getConverter().read(Booking.class, document),
                        appliedEventIds(document).contains(eventId.toString())));
    }

    /** {@link #findForEvent} for several bookings in one read: by booking id, the unknown ones left out. */
    public Map<String, ReadForEvent> findForEvents(Map<String, UUID> eventIdsByBooking) {
        if (eventIdsByBooking.isEmpty()) {
            return Map.of();
        }
        Map<String, ReadForEvent> found = new HashMap<>();
        for (Document document : mongo.find(new Query(Criteria.where("_id").in(eventIdsByBooking.keySet())), Document.class, COLLECTION)) {
            String bookingId = document.getString("_id");
            found.put(bookingId, new ReadForEvent(mongo.getConverter().read(Booking.class, document),
                    appliedEventIds(document).contains(eventIdsByBooking.get(bookingId).toString())));
        }
        return found;
    }

    /** Status and applied event ids of the bookings found among the ids, by {@code _id}; an unknown id is left out. */
    public Map<String, BookingStanding> standings(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Map.of();
        }
        Query query = new Query(Criteria.where("_id").in(bookingIds));
        query.fields().include("status", AppliedEvents.FIELD);
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(document -> new BookingStanding(document.getString("_id"),
                        BookingStatus.valueOf(document.getString("status")), new HashSet<>(appliedEventIds(document))))
                .collect(Collectors.toMap(BookingStanding::bookingId, Function.identity()));
    }

    private static void endsWaitIfRequested(Update change, BookingStatus expected) {
        if (expected == BookingStatus.REQUESTED) {
            change.unset(AWAITING_DECISION);
        }
    }

    /** The bookings waiting for a decision since {@code since} or earlier, through the sparse index of the waiting ones. */
    List<Booking> awaitingDecisionSince(Instant since) {
        return mongo.find(new Query(Criteria.where(AWAITING_DECISION).lte(Date.from(since))), Booking.class, COLLECTION);
    }

    /** The booking no longer waits for a decision (it left REQUESTED without saying so): the watch stops looking at it. */
    void noLongerAwaitingDecision(String bookingId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(bookingId).and("status").ne(BookingStatus.REQUESTED.name())),
                new Update().unset(AWAITING_DECISION), COLLECTION);
    }

    /** Marks the booking as waiting since {@code since} unless it no longer waits or is marked already. */
    boolean awaitDecision(String bookingId, Instant since) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(bookingId).and("status").is(BookingStatus.REQUESTED.name())
                        .and(AWAITING_DECISION).exists(false)),
                new Update().set(AWAITING_DECISION, Date.from(since)), COLLECTION).getModifiedCount() == 1;
    }

    public List<Booking> findAll(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(bookingIds)), Booking.class, COLLECTION).stream()
                .sorted(Comparator.comparing(Booking::start))
                .toList();
    }

    public Optional<IdempotencyRecord> idempotencyRecord(String key) {
        Query query = new Query(Criteria.where(IDEMPOTENCY_KEY).is(key));
        query.fields().include(IDEMPOTENCY_KEY, REQUEST_FINGERPRINT, FIRST_ANSWER);
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
                .map(document -> new IdempotencyRecord(document.getString(IDEMPOTENCY_KEY),
                        document.getString(REQUEST_FINGERPRINT), document.getString(FIRST_ANSWER)));
    }

    /**
     * Stores a new booking with its events in one insert.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another booking holds the idempotency key
     */
    public void insert(Booking booking, IdempotencyRecord idempotency, List<? extends BookingEvent> events) {
        Document document = new Document();
        mongo.getConverter().write(booking, document);
        document.remove("_class");
        document.put(IDEMPOTENCY_KEY, idempotency.key());
        document.put(REQUEST_FINGERPRINT, idempotency.requestFingerprint());
        document.put(FIRST_ANSWER, idempotency.firstAnswer());
        document.put(AppliedEvents.FIELD, List.of());
        if (booking.status() == BookingStatus.REQUESTED) {
            document.put(AWAITING_DECISION, Date.from(booking.createdAt()));
        }
        List<OutboxEntry> entries = outbox.entriesFor(events);
        document.put(OutboxEntry.FIELD, entries.stream().map(this::toDocument).toList());
        mongo.insert(document, COLLECTION);
        measures.stored(booking);
        outbox.written(COLLECTION, booking.id(), entries);
    }

    /**
     * The effect of a consumed event, with the events it causes (their outbox entries in the current trace), to be
     * applied once: only while the booking is still in {@code expected} and the event has not been applied to it.
     */
    public GuardedChange guarded(String bookingId, BookingStatus expected, UUID eventId, Update change,
                                 List<? extends BookingEvent> events) {
        Query guard = new Query(AppliedEvents.notYetApplied(
                Criteria.where("_id").is(bookingId).and("status").is(expected.name()), eventId));
        AppliedEvents.markApplied(change, eventId);
        change.inc(REVISION, 1L);
        endsWaitIfRequested(change, expected);
        return new GuardedChange(bookingId, eventId, guard, change, outbox.append(change, events));
    }

    /** True when the change was written: the booking was still in the status it was decided in, the event not applied yet. */
    public boolean applyOnce(GuardedChange guarded) {
        boolean applied = mongo.updateFirst(guarded.guard(), guarded.change(), COLLECTION).getModifiedCount() == 1;
        if (applied && !guarded.entries().isEmpty()) {
            outbox.written(COLLECTION, guarded.bookingId(), guarded.entries());
        }
        return applied;
    }

    /**
     * Writes changes of different bookings in one request (an unordered bulk write); answers the ids of the bookings
     * changed. The store answers only how many were changed: when that is fewer than all, the bookings are read back, and
     * a change counts as written when its event is among the booking's applied ones. The relay then reads those
     * bookings' pending events itself, as their entries may be another instance's that applied the same event meanwhile.
     */
    public Set<String> applyOnce(List<GuardedChange> changes) {
        if (changes.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        changes.forEach(guarded -> bulk.updateOne(guarded.guard(), guarded.change()));
        if (bulk.execute().getModifiedCount() == changes.size()) {
            for (GuardedChange guarded : changes) {
                if (!guarded.entries().isEmpty()) {
                    outbox.written(COLLECTION, guarded.bookingId(), guarded.entries());
                }
            }
            return changes.stream().map(GuardedChange::bookingId).collect(Collectors.toSet());
        }
        Map<String, BookingStanding> standings = standings(changes.stream().map(GuardedChange::bookingId).toList());
        Set<String> written = new HashSet<>();
        for (GuardedChange guarded : changes) {
            BookingStanding standing = standings.get(guarded.bookingId());
            if (standing != null && standing.appliedEventIds().contains(guarded.eventId().toString())) {
                written.add(guarded.bookingId());
                if (!guarded.entries().isEmpty()) {
                    outbox.written(COLLECTION, guarded.bookingId());
                }
            }
        }
        return written;
    }

    /**
     * A change of one booking made once: {@code guard} finds the booking only while it is as the change was decided on
     * and {@code eventId} is not applied yet; {@code change} records the event as applied and carries its outbox entries.
     */
    public record GuardedChange(String bookingId, UUID eventId, Query guard, Update change, List<OutboxEntry> entries) {
    }

    /**
     * Applies a command's change, with the events it causes, only while the booking is still as read: in
     * {@code expected} at {@code revision}. The command's {@code Idempotency-Key} (when sent) is recorded in
     * the same write, so a retry finds the change made. False when nothing was written.
     */
    public boolean applyCommand(StoredBooking read, BookingStatus expected, String commandKey, Update change,
                                List<? extends BookingEvent> events) {
        Criteria guard = Criteria.where("_id").is(read.booking().id()).and("status").is(expected.name());
        guard = read.revision() == null ? guard.and(REVISION).exists(false) : guard.and(REVISION).is(read.revision());
        change.inc(REVISION, 1L);
        if (commandKey != null) {
            change.push(APPLIED_COMMANDS).slice(-REMEMBERED_COMMANDS).each(commandKey);
        }
        endsWaitIfRequested(change, expected);
        List<OutboxEntry> entries = outbox.append(change, events);
        boolean applied = mongo.updateFirst(new Query(guard), change, COLLECTION).getModifiedCount() == 1;
        if (applied && !events.isEmpty()) {
            outbox.written(COLLECTION, read.booking().id(), entries);
        }
        return applied;
    }

    /**
     * Erases the personal data of the booking as read ({@link Booking#withoutPersonalData}) with the event that tells
     * the other services, in one write while the booking is still as read. False when nothing was written.
     */
    public boolean erasePersonalData(StoredBooking read, Booking erased, String firstAnswer, BookingEvent event) {
        Update change = new Update()
                .set("customer", mongo.getConverter().convertToMongoType(erased.customer()))
                .set("homeVisit", null)
                .set("requirements", null)
                .set("updatedAt", erased.updatedAt())
                .set(FIRST_ANSWER, firstAnswer);
        return applyCommand(read, read.booking().status(), null, change, List.of(event));
    }

    /** Where each of the bookings stands and when it starts, read by {@code _id}; an unknown id is left out. */
    public List<BookingSummary> summaries(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return List.of();
        }
        Query query = new Query(Criteria.where("_id").in(bookingIds));
        query.fields().include("status", "start", "zone");
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(document -> new BookingSummary(document.getString("_id"), BookingStatus.valueOf(document.getString("status")),
                        document.getDate("start").toInstant(), java.time.ZoneId.of(document.getString("zone"))))
                .toList();
    }

    private static Long revision(Document document) {
        Object revision = document.get(REVISION);
        return revision instanceof Number number ? number.longValue() : null;
    }

    private static List<String> stringList(Document document, String field) {
        List<String> values = document.getList(field, String.class);
        return values == null ? List.of() : values;
    }

    private static List<String> appliedEventIds(Document document) {
        List<String> applied = document.getList(AppliedEvents.FIELD, String.class);
        return applied == null ? List.of() : applied;
    }

    private Document toDocument(OutboxEntry entry) {
        Document document = new Document();
        mongo.getConverter().write(entry, document);
        document.remove("_class");
        return document;
    }
}
