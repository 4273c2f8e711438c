package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.schedule.DayIds;
import app.sabai.therapist.schedule.Ledger;

import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Occupancy;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Guarded reservations (ARCHITECTURE §10). A session is pushed onto its day document only if no stored
 * session overlaps it, in one conditional single-document update, so two concurrent writers can never
 * both land overlapping sessions, whichever process they run in.
 */
@Component
public class Reservations {

    static final String SESSIONS = "sessions";

    private final MongoTemplate mongo;

    Reservations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** True when the session was added; false when an overlapping one is already there. */
    public boolean reserve(Ledger ledger, String dayId, BookedSession session) {
        ensureExists(ledger, dayId);
        Query free = new Query(Criteria.where("_id").is(dayId).and(SESSIONS).not()
                .elemMatch(Criteria.where("start").lt(session.end()).and("end").gt(session.start())));
        return mongo.updateFirst(free, new Update().push(SESSIONS, document(session)), ledger.collection())
                .getModifiedCount() == 1;
    }

    /** Releases what exactly this attempt of the booking holds in those day documents. */
    public void release(Ledger ledger, Collection<String> dayIds, String bookingId, int attempt) {
        pull(ledger, dayIds, new Document("bookingId", bookingId).append("attempt", attempt));
    }

    /** Releases what earlier attempts of the booking left behind (a crash, a lost decision), never a later one's. */
    public void releaseEarlierAttempts(DayIds dayIds, String bookingId, int attempt) {
        for (Ledger ledger : Ledger.values()) {
            pull(ledger, dayIds.of(ledger), new Document("bookingId", bookingId).append("attempt", new Document("$lt", attempt)));
        }
    }

    public Occupancy occupancy(Ledger ledger, Collection<String> dayIds) {
        if (dayIds.isEmpty()) {
            return Occupancy.empty();
        }
        Map<String, List<BookedSession>> sessions = mongo
                .find(new Query(Criteria.where("_id").in(dayIds)), DaySheet.class, ledger.collection()).stream()
                .collect(Collectors.toMap(DaySheet::id, DaySheet::sessions, (a, b) -> a));
        return new Occupancy(sessions);
    }

    private void pull(Ledger ledger, Collection<String> dayIds, Document match) {
        if (!dayIds.isEmpty()) {
            mongo.updateMulti(new Query(Criteria.where("_id").in(dayIds)), new Update().pull(SESSIONS, match), ledger.collection());
        }
    }

    private void ensureExists(Ledger ledger, String dayId) {
        try {
            mongo.upsert(new Query(Criteria.where("_id").is(dayId)), new Update().setOnInsert(SESSIONS, List.of()),
                    ledger.collection());
        } catch (DuplicateKeyException createdConcurrently) {
            // Another writer created it between our look and our insert: it exists, which is all we need.
        }
    }

    private static Document document(BookedSession session) {
        return new Document("bookingId", session.bookingId())
                .append("attempt", session.attempt())
                .append("branchId", session.branchId())
                .append("start", Date.from(session.start()))
                .append("end", Date.from(session.end()))
                .append("sessionStart", Date.from(session.sessionStart()))
                .append("sessionEnd", Date.from(session.sessionEnd()));
    }
}
