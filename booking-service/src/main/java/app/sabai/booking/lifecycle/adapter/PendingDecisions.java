package app.sabai.booking.lifecycle.adapter;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;

/**
 * The {@code pending_decisions} collection earlier versions wrote beside each REQUESTED booking (the booking id is
 * the id). A booking now says itself that it waits ({@link Bookings#AWAITING_DECISION}); what an earlier version left
 * here is moved onto its booking, entry by entry, and the entry removed once moved.
 */
@Repository
class PendingDecisions {

    static final String COLLECTION = "pending_decisions";

    private final MongoTemplate mongo;
    private final Bookings bookings;

    PendingDecisions(MongoTemplate mongo, Bookings bookings) {
        this.mongo = mongo;
        this.bookings = bookings;
    }

    /** An entry of an earlier version: {@code requestedAt} is when its request was accepted. */
    record Pending(String id, String branchId, Instant requestedAt) {
    }

    /** Moves every entry left onto its booking (a booking decided meanwhile takes none); answers how many there were. */
    int moveOntoBookings() {
        int moved = 0;
        for (Pending entry : mongo.findAll(Pending.class, COLLECTION)) {
            bookings.awaitDecision(entry.id(), entry.requestedAt());
            mongo.remove(new Query(Criteria.where("_id").is(entry.id())), COLLECTION);
            moved++;
        }
        return moved;
    }
}
