package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.AssignmentOutcome;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.support.lifecycle.PeriodicSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Nothing waits forever: every {@code decision-sweep-interval} the requests still waiting for a decision are looked
 * over, and one that has waited longer than {@code decision-timeout} goes to its branch's staff: NEEDS_ATTENTION, on
 * the attention list, {@code BookingNeedsAttention} published. The decision still wins when it comes later. Only the
 * overdue bookings are read, through the sparse index of those that wait ({@link Bookings#AWAITING_DECISION}), so the
 * watch costs as many reads as there are overdue requests, however many bookings are stored. The first sweep of a
 * start also moves what an earlier version left in {@code pending_decisions} onto the bookings.
 */
@Component
class DecisionWatch extends PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(DecisionWatch.class);

    private final PendingDecisions earlierVersions;
    private final Bookings bookings;
    private final DecisionWriter writer;
    private final BookingProperties properties;
    private final BookingMeasures measures;
    private final Clock clock;
    private volatile boolean earlierMoved;

    DecisionWatch(PendingDecisions earlierVersions, Bookings bookings, DecisionWriter writer, BookingProperties properties,
                  BookingMeasures measures, Clock clock) {
        super("decision-watch", properties.decisionSweepInterval(), properties.decisionSweepInterval(),
                "Looking over the requests waiting for a decision");
        this.earlierVersions = earlierVersions;
        this.bookings = bookings;
        this.writer = writer;
        this.properties = properties;
        this.measures = measures;
        this.clock = clock;
    }

    /** Sends every overdue request to staff; answers how many went. */
    int sweep() {
        if (!earlierMoved) {
            int moved = earlierVersions.moveOntoBookings();
            if (moved > 0) {
                log.info("Moved {} requests waiting for a decision from pending_decisions onto their bookings", moved);
            }
            earlierMoved = true;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int sent = 0;
        for (Booking booking : bookings.awaitingDecisionSince(now.minus(properties.decisionTimeout()))) {
            if (booking.status() != BookingStatus.REQUESTED) {
                // Left REQUESTED by a write that did not say it no longer waits (an offer's request, say).
                bookings.noLongerAwaitingDecision(booking.id());
                continue;
            }
            AssignmentOutcome outcome = AssignmentOutcome.overdue(booking, properties.decisionTimeout(), now);
            if (writer.write(AssignmentOutcome.overdueDecisionId(booking.id()), "Overdue decision", booking.id(), outcome)) {
                measures.decided(booking, outcome, now);
                log.warn("Booking {} at {} waited more than {} for a decision: it now needs attention", booking.id(),
                        booking.branchId(), properties.decisionTimeout());
                sent++;
            }
        }
        return sent;
    }

    @Override
    protected void sweepOnce() {
        sweep();
    }
}
