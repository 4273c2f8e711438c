package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.AssignmentOutcome;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.lifecycle.adapter.PendingDecisions.Pending;
import app.sabai.support.lifecycle.PeriodicSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Nothing waits forever: every {@code decision-sweep-interval} the requests still waiting for a decision
 * ({@link PendingDecisions}, a handful of entries however many bookings are stored) are looked over, and one
 * that has waited longer than {@code decision-timeout} goes to its branch's staff: NEEDS_ATTENTION, on the
 * attention list, {@code BookingNeedsAttention} published. The decision still wins when it comes later. Only
 * overdue entries' bookings are read, by {@code _id}.
 */
@Component
class DecisionWatch extends PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(DecisionWatch.class);

    private final PendingDecisions pendingDecisions;
    private final Bookings bookings;
    private final DecisionWriter writer;
    private final BookingProperties properties;
    private final BookingMeasures measures;
    private final Clock clock;

    DecisionWatch(PendingDecisions pendingDecisions, Bookings bookings, DecisionWriter writer, BookingProperties properties,
                  BookingMeasures measures, Clock clock) {
        super("decision-watch", properties.decisionSweepInterval(), properties.decisionSweepInterval(),
                "Looking over the requests waiting for a decision");
        this.pendingDecisions = pendingDecisions;
        this.bookings = bookings;
        this.writer = writer;
        this.properties = properties;
        this.measures = measures;
        this.clock = clock;
    }

    /** Sends every overdue request to staff; answers how many went. */
    int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant dueBefore = now.minus(properties.decisionTimeout());
        List<Pending> overdue = pendingDecisions.all().stream().filter(entry -> !entry.requestedAt().isAfter(dueBefore)).toList();
        if (overdue.isEmpty()) {
            return 0;
        }
        Map<String, Booking> byId = bookings.findAll(overdue.stream().map(Pending::id).toList()).stream()
                .collect(Collectors.toMap(Booking::id, Function.identity()));
        int sent = 0;
        for (Pending entry : overdue) {
            Booking booking = byId.get(entry.id());
            if (booking == null || booking.status() != BookingStatus.REQUESTED) {
                // Never stored (a crash before the insert, a duplicate that lost), or decided meanwhile.
                pendingDecisions.removeAsRead(entry);
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
