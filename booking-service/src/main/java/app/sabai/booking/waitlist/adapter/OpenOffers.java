package app.sabai.booking.waitlist.adapter;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

/**
 * The {@code open_offers} collection: one entry per waitlist offer still open (held or offered; the booking id is the
 * id), written before the offer's booking and removed once the offer is closed. It only ever holds the offers of the last
 * minutes, so the sweep over expired offers reads it whole instead of searching {@code bookings}.
 */
@Repository
class OpenOffers {

    static final String COLLECTION = "open_offers";

    private final MongoTemplate mongo;

    OpenOffers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** An open offer: its booking, entry, branch, whose it is, until when it holds, and when it was made. */
    record OpenOffer(String id, String waitlistId, String branchId, String customerKey, Instant expiresAt, Instant createdAt) {
    }

    /** Notes the offer as open; writing it again changes nothing. */
    void open(OpenOffer offer) {
        mongo.save(offer, COLLECTION);
    }

    List<OpenOffer> all() {
        return mongo.findAll(OpenOffer.class, COLLECTION);
    }

    void closed(String bookingId) {
        mongo.remove(new Query(Criteria.where("_id").is(bookingId)), COLLECTION);
    }
}
