package app.sabai.therapist.assignment.adapter;

import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.AssignmentStatus;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.support.consume.AppliedEvents;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxSource;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code assignments} document per booking makes its decision happen exactly once: planning claims
 * a numbered attempt while the status is {@code PLANNING}, and the decision, its event (outbox) and the
 * applied request id are written in one update guarded by that status and attempt number.
 */
@Component
public class Assignments {

    public static final String COLLECTION = "assignments";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    Assignments(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** Creates the booking's document in {@code PLANNING} unless it exists. */
    void open(BookingRequested request, Instant now) {
        Update update = new Update()
                .setOnInsert("branchId", request.branchId())
                .setOnInsert("status", AssignmentStatus.PLANNING)
                .setOnInsert("attempt", 0)
                .setOnInsert("technique", request.technique())
                .setOnInsert("start", request.start())
                .setOnInsert("end", request.end())
                .setOnInsert("zone", request.zone() == null ? null : request.zone().getId())
                .setOnInsert("requestedAt", now);
        try {
            mongo.upsert(byId(request.bookingId()), update, COLLECTION);
        } catch (DuplicateKeyException openedConcurrently) {
            // Another instance opened it first: it exists, which is all this step needs.
        }
    }

    /** The number of a new planning attempt, or empty when the booking is already decided. */
    OptionalInt claim(String bookingId) {
        Document claimed = mongo.findAndModify(
                new Query(Criteria.where("_id").is(bookingId).and("status").is(AssignmentStatus.PLANNING)),
                new Update().inc("attempt", 1),
                FindAndModifyOptions.options().returnNew(true),
                Document.class, COLLECTION);
        return claimed == null ? OptionalInt.empty() : OptionalInt.of(claimed.getInteger("attempt"));
    }

    /** Writes the assignment if this attempt is still the one planning; false when another attempt won. */
    boolean assign(String bookingId, int attempt, AssignmentRecord.Reservation reservation, AssignmentExplanation explanation,
                   AssignmentEvent event, BookingRequested cause, Instant now) {
        return decide(bookingId, attempt, new Update()
                .set("status", AssignmentStatus.ASSIGNED)
                .set("reservation", reservation)
                .set("explanation", explanation)
                .set("decidedAt", now), event, cause);
    }

    boolean reject(String bookingId, int attempt, AssignmentRecord.Rejection rejection, AssignmentExplanation explanation,
                   AssignmentEvent event, BookingRequested cause, Instant now) {
        return decide(bookingId, attempt, new Update()
                .set("status", AssignmentStatus.REJECTED)
                .set("rejection", rejection)
                .set("explanation", explanation)
                .set("decidedAt", now), event, cause);
    }

    public Optional<AssignmentRecord> find(String bookingId) {
        return Optional.ofNullable(mongo.findById(bookingId, AssignmentRecord.class, COLLECTION));
    }

    private boolean decide(String bookingId, int attempt, Update decision, AssignmentEvent event, BookingRequested cause) {
        outbox.append(decision, List.of(event));
        AppliedEvents.markApplied(decision, cause.eventId());
        Query stillPlanning = new Query(AppliedEvents.notYetApplied(Criteria.where("_id").is(bookingId)
                .and("status").is(AssignmentStatus.PLANNING).and("attempt").is(attempt), cause.eventId()));
        boolean written = mongo.updateFirst(stillPlanning, decision, COLLECTION).getModifiedCount() == 1;
        if (written) {
            outbox.written(COLLECTION, bookingId);
        }
        return written;
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
