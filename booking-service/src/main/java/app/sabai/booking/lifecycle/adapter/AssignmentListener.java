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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
 * Decisions about different bookings that come in one poll are read in one request and written in one; each is still
 * decided, logged and measured in its own record's trace, and the events it causes carry that trace on.
 */
@Component
class AssignmentListener implements EventHandler.TogetherInTraces<AssignmentEvent> {

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

    /**
     * Decisions about different bookings, in a row, are read in one request, decided each in its record's trace, and
     * written in one request. Any other event, or a second decision about a booking of the row, ends the row: it is
     * handled after the row is written, so each booking's decisions apply in their order.
     */
    @Override
    public void handle(List<Heard<AssignmentEvent>> events) {
        Map<String, Heard<AssignmentEvent>> row = new LinkedHashMap<>();
        for (Heard<AssignmentEvent> heard : events) {
            String about = decisionAbout(heard.event());
            if (about != null && !row.containsKey(about)) {
                row.put(about, heard);
                continue;
            }
            decideTogether(row);
            row.clear();
            if (about != null) {
                row.put(about, heard);
            } else {
                heard.inTrace(() -> handle(heard.event()));
            }
        }
        decideTogether(row);
    }

    /** The booking a decision is about; null for an event that is no decision about one booking. */
    private static String decisionAbout(AssignmentEvent event) {
        return switch (event) {
            case TherapistAssigned assigned -> assigned.bookingId();
            case AssignmentRejected rejected -> rejected.bookingId();
            case TherapistReassigned reassigned -> reassigned.bookingId();
            case ReassignmentFailed failed -> failed.bookingId();
            case SessionRescheduled rescheduled -> rescheduled.bookingId();
            case RescheduleRefused refused -> refused.bookingId();
            case TherapistAbsenceRecorded ignored -> null;
            case TherapistRosterChanged ignored -> null;
            case TherapistAbsenceWithdrawn ignored -> null;
            case SlotReleased ignored -> null;
        };
    }

    void handle(AssignmentEvent event) {
        switch (event) {
            case TherapistAssigned assigned -> decide(assigned, assigned.bookingId());
            case AssignmentRejected rejected -> decide(rejected, rejected.bookingId());
            case TherapistReassigned reassigned -> decide(reassigned, reassigned.bookingId());
            case ReassignmentFailed failed -> decide(failed, failed.bookingId());
            case SessionRescheduled rescheduled -> decide(rescheduled, rescheduled.bookingId());
            case RescheduleRefused refused -> decide(refused, refused.bookingId());
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

    /**
     * One decision per booking: read together, each decided in its trace, written together. A decision whose booking
     * changed meanwhile is decided again alone, on what the booking has become.
     */
    private void decideTogether(Map<String, Heard<AssignmentEvent>> row) {
        if (row.size() <= 1) {
            row.values().forEach(heard -> heard.inTrace(() -> handle(heard.event())));
            return;
        }
        Map<String, UUID> eventIds = new LinkedHashMap<>();
        row.forEach((bookingId, heard) -> eventIds.put(bookingId, heard.event().eventId()));
        Map<String, Bookings.ReadForEvent> read = bookings.findForEvents(eventIds);
        List<Decided> decided = new ArrayList<>();
        row.forEach((bookingId, heard) -> heard.inTrace(() -> {
            Decided decision = decided(heard.event(), bookingId, read.get(bookingId));
            if (decision != null) {
                decided.add(decision);
            }
        }));
        Set<String> written = writer.writeTogether(decided.stream().map(Decided::write).toList());
        for (Decided decision : decided) {
            Heard<AssignmentEvent> heard = row.get(decision.write().change().bookingId());
            if (written.contains(decision.write().change().bookingId())) {
                heard.inTrace(() -> applied(decision));
            } else {
                heard.inTrace(() -> {
                    log.info("{} for booking {}: the booking changed meanwhile, deciding again", decision.what(), decision.booking().id());
                    handle(heard.event());
                });
            }
        }
    }

    /**
     * The write that applies {@code event} to the booking as read; null when there is nothing to write (an unknown
     * booking, an event applied before, a decision the booking's status does not take).
     */
    private Decided decided(AssignmentEvent event, String bookingId, Bookings.ReadForEvent read) {
        String what = EventTypes.typeOf(event) + " " + event.eventId();
        if (read == null) {
            log.warn("{} is for unknown booking {}: skipped", what, bookingId);
            return null;
        }
        if (read.alreadyApplied()) {
            log.info("{} was applied to booking {} before: nothing to do", what, bookingId);
            followUps.inStep(read.booking());
            return null;
        }
        Instant now = now();
        AssignmentOutcome outcome = outcome(read.booking(), event, now);
        Optional<DecisionWriter.Write> write = writer.prepare(event.eventId(), bookingId, outcome);
        if (write.isEmpty()) {
            log.info("{} skipped: {}", what, ((AssignmentOutcome.Skipped) outcome).why());
            followUps.afterChangeOf(read.booking());
            return null;
        }
        return new Decided(what, read.booking(), outcome, now, write.get());
    }

    private void applied(Decided decision) {
        writer.closeAfter(decision.write());
        log.info("{} applied to booking {} at {}", decision.what(), decision.booking().id(), decision.booking().branchId());
        measures.decided(decision.booking(), decision.outcome(), decision.decidedAt());
        followUps.afterChangeOf(decision.booking());
    }

    private record Decided(String what, Booking booking, AssignmentOutcome outcome, Instant decidedAt, DecisionWriter.Write write) {
    }

    private void decide(AssignmentEvent event, String bookingId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Decided decision = decided(event, bookingId, bookings.findForEvent(bookingId, event.eventId()).orElse(null));
            if (decision == null) {
                return;
            }
            if (writer.writeAlone(decision.write())) {
                applied(decision);
                return;
            }
            log.info("{} for booking {}: the booking changed meanwhile, deciding again", decision.what(), bookingId);
        }
        // The listener's error handler retries the record with backoff.
        throw new OptimisticLockingFailureException("Booking " + bookingId + " kept changing while applying "
                + EventTypes.typeOf(event) + " " + event.eventId());
    }

    private void nothingToChange(AssignmentEvent event) {
        log.debug("{} {}: nothing to change in booking-service", EventTypes.typeOf(event), event.eventId());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static AssignmentOutcome outcome(Booking booking, AssignmentEvent decision, Instant now) {
        return switch (decision) {
            case TherapistAssigned assigned -> AssignmentOutcome.of(booking, assigned, now);
            case AssignmentRejected rejected -> AssignmentOutcome.of(booking, rejected, now);
            case TherapistReassigned reassigned -> AssignmentOutcome.of(booking, reassigned, now);
            case ReassignmentFailed failed -> AssignmentOutcome.of(booking, failed, now);
            case SessionRescheduled rescheduled -> AssignmentOutcome.of(booking, rescheduled, now);
            case RescheduleRefused refused -> AssignmentOutcome.of(booking, refused, now);
            case TherapistAbsenceRecorded other -> throw notADecision(other);
            case TherapistRosterChanged other -> throw notADecision(other);
            case TherapistAbsenceWithdrawn other -> throw notADecision(other);
            case SlotReleased other -> throw notADecision(other);
        };
    }

    private static IllegalArgumentException notADecision(AssignmentEvent event) {
        return new IllegalArgumentException(EventTypes.typeOf(event) + " decides nothing about a booking");
    }
}
