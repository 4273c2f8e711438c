package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.AssignmentOutcome;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.contracts.EventTypes;
import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.RescheduleRefused;
import app.sabai.contracts.assignments.SessionRescheduled;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAbsenceRecorded;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.support.kafka.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns therapist-service's decisions into the booking's: {@code TherapistAssigned} confirms it,
 * {@code AssignmentRejected} rejects it (both still win when they come after the decision was overdue and the
 * booking went to staff), {@code TherapistReassigned} gives it another therapist (and ends any need for
 * attention), {@code ReassignmentFailed} makes it need attention, {@code SessionRescheduled} moves it to the new
 * time and {@code RescheduleRefused} returns it to where it was. Each is read, decided, and written guarded by
 * the status it was decided in and "not applied yet"; a write that lost to another change is decided again on
 * what the booking has become. A decision for an unknown booking, or one the booking's status does not allow, is
 * logged and skipped; a redelivered one changes nothing. After a decision about a session of a course or a waitlist offer
 * (and again when it is redelivered) what the booking belongs to is brought in step ({@link BookingFollowUps}). A released
 * slot, a withdrawn absence and the working time a roster change adds are free time, offered to the branch's waitlist
 * ({@link FreedTime}). A request's decision is measured once, after the write that applied it ({@link BookingMeasures}).
 */
@Component
class AssignmentListener implements EventHandler.OneAtATime<AssignmentEvent> {

    private static final Logger log = LoggerFactory.getLogger(AssignmentListener.class);
    private static final int ATTEMPTS = 5;

    private final Bookings bookings;
    private final DecisionWriter writer;
    private final BookingFollowUps followUps;
    private final ObjectProvider<FreedTime> freedTime;
    private final BookingMeasures measures;
    private final Clock clock;

    AssignmentListener(Bookings bookings, DecisionWriter writer, BookingFollowUps followUps, ObjectProvider<FreedTime> freedTime,
                       BookingMeasures measures, Clock clock) {
        this.bookings = bookings;
        this.writer = writer;
        this.followUps = followUps;
        this.freedTime = freedTime;
        this.measures = measures;
        this.clock = clock;
    }

    @Override
    public Class<AssignmentEvent> events() {
        return AssignmentEvent.class;
    }

    @Override
    public void handle(AssignmentEvent event) {
        switch (event) {
            case TherapistAssigned assigned -> decide(assigned, assigned.bookingId(), AssignmentOutcome::of);
            case AssignmentRejected rejected -> decide(rejected, rejected.bookingId(), AssignmentOutcome::of);
            case TherapistReassigned reassigned -> decide(reassigned, reassigned.bookingId(), AssignmentOutcome::of);
            case ReassignmentFailed failed -> decide(failed, failed.bookingId(), AssignmentOutcome::of);
            case SessionRescheduled rescheduled -> decide(rescheduled, rescheduled.bookingId(), AssignmentOutcome::of);
            case RescheduleRefused refused -> decide(refused, refused.bookingId(), AssignmentOutcome::of);
            // Nothing to change in bookings: an absence or a roster change reaches each booking it touches as its own
            // TherapistReassigned or ReassignmentFailed, and a withdrawn absence leaves moved bookings where they are.
            // A released slot, a withdrawn absence and the time a roster change opens are time someone on the waitlist
            // may be offered.
            case TherapistAbsenceRecorded absence -> nothingToChange(absence);
            case TherapistRosterChanged rosterChanged -> freedTime.ifAvailable(free -> free.rosterOpened(rosterChanged));
            case TherapistAbsenceWithdrawn withdrawn -> freedTime.ifAvailable(free -> free.absenceWithdrawn(withdrawn));
            case SlotReleased released -> freedTime.ifAvailable(free -> free.slotReleased(released));
        }
    }

    private <E extends AssignmentEvent> void decide(E event, String bookingId, Decision<E> decision) {
        String what = EventTypes.typeOf(event) + " " + event.eventId();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            var read = bookings.findForEvent(bookingId, event.eventId());
            if (read.isEmpty()) {
                log.warn("{} is for unknown booking {}: skipped", what, bookingId);
                return;
            }
            Booking booking = read.get().booking();
            if (read.get().alreadyApplied()) {
                log.info("{} was applied to booking {} before: nothing to do", what, bookingId);
                followUps.inStep(booking);
                return;
            }
            Instant now = now();
            AssignmentOutcome outcome = decision.apply(booking, event, now);
            if (writer.write(event.eventId(), what, bookingId, outcome)) {
                log.info("{} applied to booking {} at {}", what, bookingId, booking.branchId());
                measures.decided(booking, outcome, now);
                followUps.afterChangeOf(booking);
                return;
            }
            log.info("{} for booking {}: the booking changed meanwhile, deciding again", what, bookingId);
        }
        // The listener's error handler retries the record with backoff.
        throw new OptimisticLockingFailureException("Booking " + bookingId + " kept changing while applying " + what);
    }

    private void nothingToChange(AssignmentEvent event) {
        log.debug("{} {}: nothing to change in booking-service", EventTypes.typeOf(event), event.eventId());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @FunctionalInterface
    private interface Decision<E extends AssignmentEvent> {
        AssignmentOutcome apply(Booking booking, E event, Instant now);
    }
}
