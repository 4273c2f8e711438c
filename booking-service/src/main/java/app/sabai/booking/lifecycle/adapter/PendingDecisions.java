package app.sabai.booking.lifecycle.adapter;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

/**
 * The {@code pending_decisions} collection: one entry per booking request still waiting for therapist-service's
 * decision (the booking id is the id). It is written before the booking is stored and removed once the booking
 * has left REQUESTED, so it only ever holds the requests of the last minutes, and the watch over overdue
 * decisions reads it whole instead of searching {@code bookings}. An entry a crash left behind (its booking never
 * stored, or long decided) is removed by that watch.
 */
@Repository
public class PendingDecisions {

    static final String COLLECTION = "pending_decisions";

    private final MongoTemplate mongo;

    PendingDecisions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A request waiting for its decision: {@code requestedAt} is when it was accepted. */
    public record Pending(String id, String branchId, Instant requestedAt) {
    }

    /** Notes the request as waiting; writing it again changes nothing. */
    public void expect(String bookingId, String branchId, Instant requestedAt) {
        mongo.save(new Pending(bookingId, branchId, requestedAt), COLLECTION);
    }

    public List<Pending> all() {
        return mongo.findAll(Pending.class, COLLECTION);
    }

    /** The request has its decision (or never will): it no longer waits. */
    public void settled(String bookingId) {
        mongo.remove(new Query(Criteria.where("_id").is(bookingId)), COLLECTION);
    }

    /** Removes the entry as it was read, so one written again meanwhile stays. */
    void removeAsRead(Pending entry) {
        mongo.remove(new Query(Criteria.where("_id").is(entry.id()).and("requestedAt").is(entry.requestedAt())), COLLECTION);
    }
}
