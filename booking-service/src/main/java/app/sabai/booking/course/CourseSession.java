package app.sabai.booking.course;

import app.sabai.booking.lifecycle.AssignedTherapist;
import app.sabai.booking.lifecycle.Rejection;

import java.time.Instant;

/**
 * One session of a course as the course records it: the booking that is the session, when it starts, and its first
 * decision ({@code REQUESTED} until it has one): confirmed with its therapist, rejected with why and the alternatives,
 * or cancelled before it was decided. Later changes of the booking are the booking's; the course reads them from it.
 */
public record CourseSession(String bookingId, Instant start, Status status, AssignedTherapist therapist, Rejection rejection) {

    public enum Status {
        REQUESTED,
        CONFIRMED,
        REJECTED,
        CANCELLED
    }

    public boolean decided() {
        return status != Status.REQUESTED;
    }

    CourseSession decided(SessionDecision decision) {
        return switch (decision) {
            case SessionDecision.Confirmed confirmed -> new CourseSession(bookingId, start, Status.CONFIRMED, confirmed.therapist(), null);
            case SessionDecision.Rejected rejected -> new CourseSession(bookingId, start, Status.REJECTED, null, rejected.rejection());
            case SessionDecision.Cancelled cancelled -> new CourseSession(bookingId, start, Status.CANCELLED, null, null);
        };
    }
}
