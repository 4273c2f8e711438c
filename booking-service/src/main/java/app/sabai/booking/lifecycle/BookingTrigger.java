package app.sabai.booking.lifecycle;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static app.sabai.booking.lifecycle.BookingStatus.CANCELLED;
import static app.sabai.booking.lifecycle.BookingStatus.COMPLETED;
import static app.sabai.booking.lifecycle.BookingStatus.CONFIRMED;
import static app.sabai.booking.lifecycle.BookingStatus.NEEDS_ATTENTION;
import static app.sabai.booking.lifecycle.BookingStatus.NO_SHOW;
import static app.sabai.booking.lifecycle.BookingStatus.REJECTED;
import static app.sabai.booking.lifecycle.BookingStatus.REQUESTED;
import static app.sabai.booking.lifecycle.BookingStatus.RESCHEDULE_REQUESTED;

/**
 * What can happen to a booking, and the booking state machine as a table: for each trigger, the statuses
 * it applies in and where each one leads. A trigger not listed for a status does not apply there.
 */
public enum BookingTrigger {
    THERAPIST_ASSIGNED(Map.of(REQUESTED, CONFIRMED)),
    ASSIGNMENT_REJECTED(Map.of(REQUESTED, REJECTED)),
    THERAPIST_REASSIGNED(Map.of(CONFIRMED, CONFIRMED, NEEDS_ATTENTION, CONFIRMED)),
    REASSIGNMENT_FAILED(Map.of(CONFIRMED, NEEDS_ATTENTION)),
    CANCEL(Map.of(REQUESTED, CANCELLED, CONFIRMED, CANCELLED, RESCHEDULE_REQUESTED, CANCELLED, NEEDS_ATTENTION, CANCELLED)),
    REQUEST_RESCHEDULE(Map.of(CONFIRMED, RESCHEDULE_REQUESTED, NEEDS_ATTENTION, RESCHEDULE_REQUESTED)),
    RESCHEDULED(Map.of(RESCHEDULE_REQUESTED, CONFIRMED)),
    RESCHEDULE_FAILED(Map.of(RESCHEDULE_REQUESTED, CONFIRMED)),
    COMPLETE(Map.of(CONFIRMED, COMPLETED)),
    MARK_NO_SHOW(Map.of(CONFIRMED, NO_SHOW));

    private final Map<BookingStatus, BookingStatus> moves;

    BookingTrigger(Map<BookingStatus, BookingStatus> moves) {
        this.moves = new EnumMap<>(moves);
    }

    public Optional<BookingStatus> from(BookingStatus status) {
        return Optional.ofNullable(moves.get(status));
    }

    public Set<BookingStatus> appliesIn() {
        return moves.keySet();
    }
}
