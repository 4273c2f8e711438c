package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.support.testing.StoreCounters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch over overdue decisions, swept by hand: it reads the waiting bookings through their sparse index, lets go of
 * one that left REQUESTED without saying so, and takes over what an earlier version left in {@code pending_decisions}.
 */
class DecisionWatchIT extends ServiceIntegrationTest {

    @Autowired
    DecisionWatch watch;
    @Autowired
    PendingDecisions earlierVersions;

    @Test
    void whatAnEarlierVersionLeftInPendingDecisionsIsMovedOntoTheBookingsAndStillWatched() {
        String waiting = api.requestABooking(branchId);
        mongo.updateFirst(new Query(Criteria.where("_id").is(waiting)), new Update().unset("awaitingDecisionSince"), "bookings");
        String neverStored = "never-stored-" + UUID.randomUUID();
        String decided = api.requestABooking(branchId);
        publish(AssignmentEvents.assigned(decided, branchId, "t-nok", "Nok"));
        api.awaitStatus(decided, "CONFIRMED");
        Date longAgo = Date.from(clock.instant().minus(Duration.ofMinutes(5)));
        for (String id : List.of(waiting, neverStored, decided)) {
            mongo.getCollection("pending_decisions").insertOne(new Document("_id", id).append("branchId", branchId).append("requestedAt", longAgo));
        }

        assertThat(earlierVersions.moveOntoBookings()).isEqualTo(3);
        // The service's own sweep (every 500 ms here) may be the one that finds it overdue first.
        watch.sweep();

        assertThat(mongo.getCollection("pending_decisions").countDocuments()).isZero();
        assertThat(api.booking(waiting).get("status").asString()).as("the waiting one, moved and overdue, goes to staff")
                .isEqualTo("NEEDS_ATTENTION");
        assertThat(api.booking(decided).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(awaitingSince(decided)).isNull();
        assertThat(mongo.findById(neverStored, Document.class, "bookings")).isNull();
    }

    @Test
    void aBookingThatLeftRequestedWithoutSayingSoIsNoLongerWatched() {
        String id = api.requestABooking(branchId);
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("status", "CANCELLED"), "bookings");
        clock.advance(Duration.ofMinutes(3));

        watch.sweep();

        assertThat(awaitingSince(id)).isNull();
        assertThat(api.booking(id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(BookingEvents.all(BookingNeedsAttention.class, id, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void theWatchReadsOnlyTheWaitingBookingsWithoutScanningTheCollection() {
        api.requestABooking(branchId);
        clock.advance(Duration.ofMinutes(3));
        watch.sweep();

        long scansBefore = StoreCounters.collectionScans(mongo);
        watch.sweep();

        assertThat(StoreCounters.collectionScans(mongo) - scansBefore).as("collection scans during one sweep").isZero();
    }

    private Date awaitingSince(String bookingId) {
        return mongo.findById(bookingId, Document.class, "bookings").getDate(Bookings.AWAITING_DECISION);
    }
}
