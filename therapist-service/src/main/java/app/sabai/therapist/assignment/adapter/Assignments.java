package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.support.consume.AppliedEvents;
import app.sabai.support.mongo.BulkWrites;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.AssignmentStatus;
import app.sabai.therapist.planning.ResourceKind;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * One {@code assignments} document per booking makes its decision happen exactly once: planning claims
 * a numbered attempt while the status is {@code PLANNING}, and the decision, its event (outbox) and the
 * applied request id are written in one update guarded by that status and attempt number. A move of an
 * assigned booking works the same way: it claims the next attempt number with a {@code move} marker, and
 * its outcome is written in one update guarded by that number, so of two concurrent moves one wins.
 */
@Component
public class Assignments {

    public static final String COLLECTION = "assignments";
    static final int CHANGES_KEPT = 50;
    /** The attempt whose decision was written: attempt numbers move on after it (moves, releases), this one does not. */
    static final String DECIDED_ATTEMPT = "decidedAttempt";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    Assignments(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** The customer of the booking had their data erased: the board shows their session without a name from now on. */
    public void forgetCustomer(String bookingId) {
        mongo.updateFirst(byId(bookingId), new Update().set("customerName", null), COLLECTION);
    }

    /** Creates the booking's document in {@code PLANNING} unless it exists, with what re-planning it later needs. */
    void open(BookingRequested request, Instant now) {
        Update update = opening(request, now)
                .setOnInsert("status", AssignmentStatus.PLANNING)
                .setOnInsert("attempt", 0);
        try {
            mongo.upsert(byId(request.bookingId()), update, COLLECTION);
        } catch (DuplicateKeyException openedConcurrently) {
            // Another instance opened it first: it exists, which is all this step needs.
        }
    }

    /**
     * {@link #open} and {@link #claim} in one update: the booking's document is created in {@code PLANNING} with attempt
     * 1 unless it exists, or its next attempt claimed while it is planning. Empty when the booking is already decided.
     */
    OptionalInt openAndClaim(BookingRequested request, Instant now) {
        try {
            Document claimed = mongo.findAndModify(planning(request.bookingId()), opening(request, now).inc("attempt", 1),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
            return OptionalInt.of(claimed.getInteger("attempt"));
        } catch (DuplicateKeyException decidedOrOpenedConcurrently) {
            // It exists and is not planning (decided), or another instance created it meanwhile: claim as usual.
            return claim(request.bookingId());
        }
    }

    /**
     * {@link #openAndClaim} for requests of different bookings, the documents of those new here created with attempt 1 in
     * one unordered bulk of inserts (an upsert of a document not there yet); the store answers each on its own, created or
     * refused on {@code _id}. A booking whose document was there already is claimed alone afterwards, as {@code openAndClaim}
     * would. Answers each request's attempt, in their order, empty for a booking already decided.
     */
    List<OptionalInt> openAndClaimAll(List<BookingRequested> requests, Instant now) {
        if (requests.size() == 1) {
            return List.of(openAndClaim(requests.getFirst(), now));
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (BookingRequested request : requests) {
            Query notThere = new Query(Criteria.where("_id").is(request.bookingId()).and("attempt").exists(false));
            bulk.upsert(notThere, opening(request, now).setOnInsert("status", AssignmentStatus.PLANNING).inc("attempt", 1));
        }
        Set<Integer> created = BulkWrites.execute(bulk).created();
        List<OptionalInt> attempts = new ArrayList<>(requests.size());
        for (int index = 0; index < requests.size(); index++) {
            attempts.add(created.contains(index) ? OptionalInt.of(1) : claim(requests.get(index).bookingId()));
        }
        return attempts;
    }

    /** The fields a new document starts with, but its status and attempt. */
    private static Update opening(BookingRequested request, Instant now) {
        return new Update()
                .setOnInsert("branchId", request.branchId())
                .setOnInsert("technique", request.technique())
                .setOnInsert("start", request.start())
                .setOnInsert("end", request.end())
                .setOnInsert("zone", request.zone() == null ? null : request.zone().getId())
                .setOnInsert("durationMinutes", request.durationMinutes())
                .setOnInsert("customerName", firstName(request))
                .setOnInsert("requirements", request.requirements())
                .setOnInsert("preferences", request.preferences())
                .setOnInsert("requestedAt", now);
    }

    /** The number of a new planning attempt, or empty when the booking is already decided. */
    OptionalInt claim(String bookingId) {
        Document claimed = mongo.findAndModify(
                planning(bookingId),
                new Update().inc("attempt", 1),
                FindAndModifyOptions.options().returnNew(true),
                Document.class, COLLECTION);
        return claimed == null ? OptionalInt.empty() : OptionalInt.of(claimed.getInteger("attempt"));
    }

    /**
     * Gives up whatever attempt is in flight for a request that failed for good: the next claim gets a new
     * number, so everything the earlier attempts filed is stale and can be released.
     */
    OptionalInt abandonPlanning(String bookingId) {
        return claim(bookingId);
    }

    /** The booking's document while it is planning, answered with its attempt alone. */
    private static Query planning(String bookingId) {
        Query planning = new Query(Criteria.where("_id").is(bookingId).and("status").is(AssignmentStatus.PLANNING));
        planning.fields().include("attempt");
        return planning;
    }

    /** The assignment, to be written if this attempt is still the one planning ({@link #decide}). */
    Decision assigning(String bookingId, int attempt, AssignmentRecord.Reservation reservation, AssignmentExplanation explanation,
                       AssignmentEvent event, BookingRequested cause, Instant now) {
        return decision(bookingId, attempt, new Update()
                .set("status", AssignmentStatus.ASSIGNED)
                .set("reservation", reservation)
                .set("explanation", explanation)
                .set("decidedAt", now), event, cause);
    }

    /** The rejection, to be written if this attempt is still the one planning ({@link #decide}). */
    Decision rejecting(String bookingId, int attempt, AssignmentRecord.Rejection rejection, AssignmentExplanation explanation,
                       AssignmentEvent event, BookingRequested cause, Instant now) {
        return decision(bookingId, attempt, new Update()
                .set("status", AssignmentStatus.REJECTED)
                .set("rejection", rejection)
                .set("explanation", explanation)
                .set("decidedAt", now), event, cause);
    }

    /** Writes the decision if its attempt is still the one planning; false when another attempt won. */
    boolean decide(Decision decision) {
        boolean written = mongo.updateFirst(decision.stillPlanning(), decision.update(), COLLECTION).getModifiedCount() == 1;
        if (written) {
            outbox.written(COLLECTION, decision.bookingId(), decision.entries());
        }
        return written;
    }

    /**
     * Writes the decisions of several bookings in one request (an unordered bulk write), each if its attempt is still the
     * one planning; answers the ids of the bookings written. The store answers only how many changed: when fewer than
     * all did, the documents are read back, and a decision was written when its attempt is the one that decided.
     */
    Set<String> decide(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        decisions.forEach(decision -> bulk.updateOne(decision.stillPlanning(), decision.update()));
        Set<String> written = new HashSet<>();
        if (bulk.execute().getModifiedCount() == decisions.size()) {
            decisions.forEach(decision -> written.add(decision.bookingId()));
        } else {
            Query query = new Query(Criteria.where("_id").in(decisions.stream().map(Decision::bookingId).toList()));
            query.fields().include(DECIDED_ATTEMPT);
            Map<String, Integer> decidedBy = new HashMap<>();
            for (Document document : mongo.find(query, Document.class, COLLECTION)) {
                decidedBy.put(document.getString("_id"), document.getInteger(DECIDED_ATTEMPT));
            }
            decisions.stream().filter(decision -> Integer.valueOf(decision.attempt()).equals(decidedBy.get(decision.bookingId())))
                    .forEach(decision -> written.add(decision.bookingId()));
        }
        decisions.stream().filter(decision -> written.contains(decision.bookingId()))
                .forEach(decision -> outbox.written(COLLECTION, decision.bookingId(), decision.entries()));
        return written;
    }

    /**
     * A planning attempt's decision: {@code update} (the decision, its event's outbox entries, the request applied and
     * the attempt that decided) applies while {@code stillPlanning} finds the booking planning under that attempt.
     */
    record Decision(String bookingId, int attempt, Query stillPlanning, Update update, List<OutboxEntry> entries) {
    }

    /**
     * Claims a move of a decided booking: its next attempt number, unless another move is in flight that
     * started less than {@code lease} ago. Empty when the booking is not assigned (or unassigned) or busy.
     */
    Optional<AssignmentRecord> claimMove(String bookingId, AssignmentRecord.Move move, Duration lease) {
        Query query = new Query(Criteria.where("_id").is(bookingId)
                .and("status").in(AssignmentStatus.ASSIGNED.name(), AssignmentStatus.UNASSIGNED.name())
                .orOperator(Criteria.where("move").is(null), Criteria.where("move.startedAt").lt(move.startedAt().minus(lease))));
        return Optional.ofNullable(mongo.findAndModify(query, new Update().inc("attempt", 1).set("move", move),
                FindAndModifyOptions.options().returnNew(true), AssignmentRecord.class, COLLECTION));
    }

    /**
     * Writes the outcome of the move that claimed {@code attempt}, with its event, ending the move. False
     * when the move no longer holds the booking (another claim came after it, or it was aborted).
     */
    boolean completeMove(String bookingId, int attempt, Update outcome, AssignmentRecord.Change change, AssignmentEvent event) {
        return completeMove(bookingId, attempt, outcome, change, List.of(event));
    }

    boolean completeMove(String bookingId, int attempt, Update outcome, AssignmentRecord.Change change, List<? extends AssignmentEvent> events) {
        outcome.unset("move").push("changes").slice(-CHANGES_KEPT).each(change);
        List<OutboxEntry> entries = outbox.append(outcome, events);
        Query stillMoving = new Query(Criteria.where("_id").is(bookingId).and("attempt").is(attempt).and("move").ne(null));
        boolean written = mongo.updateFirst(stillMoving, outcome, COLLECTION).getModifiedCount() == 1;
        if (written) {
            outbox.written(COLLECTION, bookingId, entries);
        }
        return written;
    }

    /** Ends the move that claimed {@code attempt} without changing the booking. */
    boolean abortMove(String bookingId, int attempt) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(bookingId).and("attempt").is(attempt).and("move").ne(null)),
                new Update().unset("move"), COLLECTION).getModifiedCount() == 1;
    }

    /** Whether the event was applied to the booking's document (its id is among those remembered). */
    boolean applied(String bookingId, UUID eventId) {
        return mongo.exists(new Query(Criteria.where("_id").is(bookingId).and(AppliedEvents.FIELD).is(eventId.toString())), COLLECTION);
    }

    /** Records that the event was applied, with the events it causes, unless it was applied before. */
    boolean applyOnce(String bookingId, UUID eventId, Update change, List<? extends AssignmentEvent> events) {
        AppliedEvents.markApplied(change, eventId);
        List<OutboxEntry> entries = outbox.append(change, events);
        boolean written = mongo.updateFirst(new Query(AppliedEvents.notYetApplied(Criteria.where("_id").is(bookingId), eventId)), change,
                COLLECTION).getModifiedCount() == 1;
        if (written && !events.isEmpty()) {
            outbox.written(COLLECTION, bookingId, entries);
        }
        return written;
    }

    /**
     * The booking holds nothing any more (cancelled, or its customer did not come): {@code RELEASED}, for good,
     * with its event, unless the event was applied before. Guarded by the attempt read, so a decision or move
     * that lands meanwhile makes this return false and be decided again; the attempt number moves on, so
     * whatever was in flight for the booking can no longer be written.
     */
    boolean release(AssignmentRecord read, UUID eventId, String reason, Instant now, List<? extends AssignmentEvent> events) {
        Update update = new Update().set("status", AssignmentStatus.RELEASED).set("released", new Document("reason", reason).append("at", now))
                .inc("attempt", 1).unset("move");
        AppliedEvents.markApplied(update, eventId);
        List<OutboxEntry> entries = outbox.append(update, events);
        Query stillAsRead = new Query(AppliedEvents.notYetApplied(Criteria.where("_id").is(read.id())
                .and("status").is(read.status()).and("attempt").is(read.attempt()), eventId));
        boolean written = mongo.updateFirst(stillAsRead, update, COLLECTION).getModifiedCount() == 1;
        if (written && !events.isEmpty()) {
            outbox.written(COLLECTION, read.id(), entries);
        }
        return written;
    }

    /** A booking released before its request was ever planned: its document is created released, so no request assigns it. */
    boolean releasedUnseen(String bookingId, String branchId, String reason, Instant now) {
        try {
            return mongo.upsert(byId(bookingId), new Update().setOnInsert("branchId", branchId).setOnInsert("status", AssignmentStatus.RELEASED)
                    .setOnInsert("attempt", 0).setOnInsert("released", new Document("reason", reason).append("at", now)), COLLECTION)
                    .getUpsertedId() != null;
        } catch (DuplicateKeyException createdConcurrently) {
            return false;
        }
    }

    public Optional<AssignmentRecord> find(String bookingId) {
        return Optional.ofNullable(mongo.findById(bookingId, AssignmentRecord.class, COLLECTION));
    }

    public List<AssignmentRecord> findAll(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(bookingIds)), AssignmentRecord.class, COLLECTION);
    }

    /**
     * Of these bookings, only what {@link AssignmentRecord#liveness} reads (status, attempt, what they hold, any move
     * in flight): a refusal looks up the owners of everything in its way, a whole day's bookings at a busy branch,
     * and their explanations are most of each document. Those few fields are read by hand, as the mapping converter
     * reads them, without its reflection.
     */
    public List<AssignmentRecord> holders(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return List.of();
        }
        Query query = new Query(Criteria.where("_id").in(bookingIds));
        query.fields().include("status", "attempt", "reservation", "move");
        List<AssignmentRecord> holders = new ArrayList<>(bookingIds.size());
        for (Document stored : mongo.find(query, Document.class, COLLECTION)) {
            holders.add(holder(stored));
        }
        return holders;
    }

    /** The status, attempt, reservation and move of an assignments document; every other field left empty. */
    private static AssignmentRecord holder(Document stored) {
        String status = stored.getString("status");
        return new AssignmentRecord(stored.getString("_id"), null, status == null ? null : AssignmentStatus.valueOf(status),
                stored.getInteger("attempt", 0), null, null, null, null, null, null, null, null,
                reservation(stored.get("reservation", Document.class)), null, null, null, move(stored.get("move", Document.class)),
                null, null, null);
    }

    private static AssignmentRecord.Reservation reservation(Document stored) {
        if (stored == null) {
            return null;
        }
        List<AssignmentRecord.Held> holdings = new ArrayList<>();
        for (Document held : stored.getList("holdings", Document.class, List.of())) {
            holdings.add(new AssignmentRecord.Held(ResourceKind.valueOf(held.getString("kind")), held.getString("resourceId"),
                    held.getInteger("attempt", 0), instant(held, "start"), instant(held, "end")));
        }
        return new AssignmentRecord.Reservation(stored.getString("therapistId"), stored.getString("therapistName"),
                stored.getString("roomId"), stored.getList("equipmentIds", String.class), instant(stored, "blockedStart"),
                instant(stored, "blockedEnd"), holdings);
    }

    private static AssignmentRecord.Move move(Document stored) {
        return stored == null ? null
                : new AssignmentRecord.Move(stored.getString("kind"), stored.getString("absenceId"), instant(stored, "startedAt"));
    }

    private static Instant instant(Document stored, String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private Decision decision(String bookingId, int attempt, Update decision, AssignmentEvent event, BookingRequested cause) {
        List<OutboxEntry> entries = outbox.append(decision, List.of(event));
        AppliedEvents.markApplied(decision, cause.eventId());
        decision.set(DECIDED_ATTEMPT, attempt);
        Query stillPlanning = new Query(AppliedEvents.notYetApplied(Criteria.where("_id").is(bookingId)
                .and("status").is(AssignmentStatus.PLANNING).and("attempt").is(attempt), cause.eventId()));
        return new Decision(bookingId, attempt, stillPlanning, decision, entries);
    }

    /** Staff see the customer's first name on the board; nothing more of them is kept here. */
    private static String firstName(BookingRequested request) {
        if (request.customer() == null || request.customer().name() == null || request.customer().name().isBlank()) {
            return null;
        }
        return request.customer().name().trim().split("\\s+")[0];
    }

    private static Query byId(String bookingId) {
        return new Query(Criteria.where("_id").is(bookingId));
    }

    @Configuration(proxyBeanMethods = false)
    static class Publication {

        @Bean
        OutboxSource assignmentsOutbox() {
            return new OutboxSource(COLLECTION);
        }
    }
}
