package app.sabai.booking.course;

import app.sabai.booking.lifecycle.AssignedTherapist;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.Rejection;

import java.util.Optional;

/** The first decision about a course's session, as its booking shows it. */
public sealed interface SessionDecision {

    record Confirmed(AssignedTherapist therapist) implements SessionDecision {
    }

    record Rejected(Rejection rejection) implements SessionDecision {
    }

    /** Cancelled before any therapist was confirmed for it (with its course, or on its own). */
    record Cancelled() implements SessionDecision {
    }

    /** Empty while the booking still waits for its first decision (asked for, or overdue and with staff). */
    public static Optional<SessionDecision> of(Booking booking) {
        return switch (booking.status()) {
            case REQUESTED, OFFER_REQUESTED, OFFERED -> Optional.empty();
            case NEEDS_ATTENTION -> booking.awaitsFirstDecision() ? Optional.empty()
                    : Optional.of(new Confirmed(booking.lastKnownTherapist()));
            case REJECTED -> Optional.of(new Rejected(booking.rejection()));
            case CANCELLED -> booking.therapist() != null ? Optional.of(new Confirmed(booking.therapist()))
                    : Optional.of(new Cancelled());
            case CONFIRMED, RESCHEDULE_REQUESTED, COMPLETED, NO_SHOW -> Optional.of(new Confirmed(booking.lastKnownTherapist()));
        };
    }
}
