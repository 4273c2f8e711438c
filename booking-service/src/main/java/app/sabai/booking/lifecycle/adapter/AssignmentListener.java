package app.sabai.booking.lifecycle.adapter;

import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.booking.lifecycle.AssignmentOutcome;
import app.sabai.booking.lifecycle.AssignmentOutcome.Confirmed;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rejected;
import app.sabai.booking.lifecycle.AssignmentOutcome.Skipped;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.contracts.EventTypes;
import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAbsenceRecorded;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.assignments.TherapistReassigned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * Turns therapist-service's decisions into the booking's: {@code TherapistAssigned} confirms it,
 * {@code AssignmentRejected} rejects it. A decision for an unknown booking, or one no longer waiting for
 * it, is logged and skipped; a redelivered one changes nothing.
 */
@Component
class AssignmentListener {

    private static final Logger log = LoggerFactory.getLogger(AssignmentListener.class);

    private final Bookings bookings;
    private final Clock clock;

    AssignmentListener(Bookings bookings, Clock clock) {
        this.bookings = bookings;
        this.clock = clock;
    }

    @KafkaListener(topics = "sabai.assignments")
    void on(AssignmentEvent event) {
        switch (event) {
            case TherapistAssigned assigned -> decide(assigned, assigned.bookingId(), booking -> AssignmentOutcome.of(booking, assigned, now()));
            case AssignmentRejected rejected -> decide(rejected, rejected.bookingId(), booking -> AssignmentOutcome.of(booking, rejected, now()));
            // Reassignment, absences and released slots arrive with the cancel/reschedule work.
            case TherapistReassigned reassigned -> notHandledYet(reassigned);
            case ReassignmentFailed failed -> notHandledYet(failed);
            case SlotReleased released -> notHandledYet(released);
            case TherapistAbsenceRecorded absence -> notHandledYet(absence);
            case TherapistAbsenceWithdrawn withdrawn -> notHandledYet(withdrawn);
        }
    }

    private void decide(AssignmentEvent event, String bookingId, Function<Booking, AssignmentOutcome> decision) {
        var booking = bookings.find(bookingId);
        if (booking.isEmpty()) {
            log.warn("{} {} is for unknown booking {}: skipped", EventTypes.typeOf(event), event.eventId(), bookingId);
            return;
        }
        boolean applied = switch (decision.apply(booking.get())) {
            case Confirmed confirmed -> bookings.applyOnce(bookingId, confirmed.from(), event.eventId(), new Update()
                    .set("status", confirmed.to().name())
                    .set("therapist", confirmed.therapist())
                    .set("roomId", confirmed.roomId())
                    .set("updatedAt", now()), List.of(confirmed.event()));
            case Rejected rejected -> bookings.applyOnce(bookingId, rejected.from(), event.eventId(), new Update()
                    .set("status", rejected.to().name())
                    .set("rejection", rejected.rejection())
                    .set("updatedAt", now()), List.of(rejected.event()));
            case Skipped skipped -> {
                log.info("{} {} skipped: {}", EventTypes.typeOf(event), event.eventId(), skipped.why());
                yield true;
            }
        };
        if (!applied) {
            log.info("{} {} for booking {} changed nothing: applied before, or the booking moved on meanwhile",
                    EventTypes.typeOf(event), event.eventId(), bookingId);
        }
    }

    private void notHandledYet(AssignmentEvent event) {
        log.debug("{} {} is not handled by booking-service yet", EventTypes.typeOf(event), event.eventId());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
