package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.AttentionCase;
import app.sabai.booking.lifecycle.BookingStanding;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code attention} collection: one entry per booking that needs staff (the booking id is the id), so a
 * branch's list never searches {@code bookings}. It holds open cases only, so finding a branch's entries by
 * {@code branchId} stays cheap on a store that ignores secondary indexes; their bookings are then read by
 * {@code _id}. An entry is written before its booking moves to {@code NEEDS_ATTENTION} and removed after the
 * booking moves on; what a crash between the two leaves behind is removed when the list is read.
 */
@Repository
public class AttentionList {

    static final String COLLECTION = "attention";
    private static final Logger log = LoggerFactory.getLogger(AttentionList.class);

    private final MongoTemplate mongo;
    private final Bookings bookings;
    private final Clock clock;

    AttentionList(MongoTemplate mongo, Bookings bookings, Clock clock) {
        this.mongo = mongo;
        this.bookings = bookings;
        this.clock = clock;
        // Unused by the embedded store, which only narrows by unique single-field indexes; real MongoDB uses it.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("branchId", Sort.Direction.ASC).on("start", Sort.Direction.ASC));
    }

    /** Puts the case on its branch's list, replacing any earlier entry of the booking: writing it again changes nothing. */
    public void open(AttentionCase attentionCase) {
        Document document = new Document();
        mongo.getConverter().write(attentionCase, document);
        document.remove("_class");
        mongo.save(document, COLLECTION);
    }

    /** Takes the booking off the list if its entry is the one {@code raisedBy} put there; an entry raised since stays. */
    public void close(String bookingId, String raisedBy) {
        mongo.remove(new Query(Criteria.where("_id").is(bookingId).and("raisedBy").is(raisedBy)), COLLECTION);
    }

    /** The branch's bookings that need attention, soonest session first. Entries that outlived their case are removed. */
    public List<AttentionCase> openCases(String branchId) {
        List<AttentionCase> entries = mongo.find(new Query(Criteria.where("branchId").is(branchId)), AttentionCase.class, COLLECTION);
        Map<String, BookingStanding> standings = bookings.standings(entries.stream().map(AttentionCase::id).toList());
        Instant now = clock.instant();
        List<AttentionCase> open = new ArrayList<>();
        for (AttentionCase entry : entries) {
            switch (entry.against(Optional.ofNullable(standings.get(entry.id())), now)) {
                case LISTED -> open.add(entry);
                case HIDDEN -> log.debug("Attention entry of booking {} waits for its booking to need attention", entry.id());
                case OUTLIVED -> removeOutlived(entry);
            }
        }
        open.sort(AttentionCase.SOONEST_FIRST);
        return open;
    }

    /** Removes the entry as it was read: one written meanwhile (a new case of the same booking) stays. */
    private void removeOutlived(AttentionCase entry) {
        Query asRead = new Query(Criteria.where("_id").is(entry.id())
                .and("raisedBy").is(entry.raisedBy())
                .and("recordedAt").is(entry.recordedAt()));
        if (mongo.remove(asRead, COLLECTION).getDeletedCount() == 1) {
            log.info("Removed the attention entry of booking {}: the booking no longer needs attention", entry.id());
        }
    }
}
