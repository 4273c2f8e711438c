package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Every session of a course has its decision: the summary the customer is sent. A course is addressed like a
 * booking by its own id ({@link #bookingId()} is the course id), so its messages are kept under it.
 */
@EventType("sabai.bookings.CourseDecided.v1")
public record CourseDecided(
        UUID eventId,
        Instant occurredAt,
        String courseId,
        String branchId,
        Technique technique,
        int durationMinutes,
        ZoneId zone,
        Customer customer,
        List<Session> sessions) implements BookingEvent {

    public CourseDecided {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    /** One session: CONFIRMED with its therapist, or REJECTED with why and the nearest alternatives. */
    public record Session(String sessionBookingId, Instant start, String status, String therapistName, RejectionReason reason,
                          String detail, List<Alternative> alternatives) {

        public Session {
            alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        }
    }

    @Override
    public String bookingId() {
        return courseId;
    }
}
