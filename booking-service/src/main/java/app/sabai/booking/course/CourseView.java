package app.sabai.booking.course;

import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.Rejection;
import app.sabai.booking.view.BookingView.CancellationView;
import app.sabai.booking.view.BookingView.RejectionView;
import app.sabai.booking.view.BookingView.TherapistView;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A course as its customer sees it ({@code GET /api/courses/{id}}): each session as its booking stands now (its status,
 * therapist, and why it was rejected, with the alternatives), {@code startLocal} in the branch's zone. {@code status} is
 * DECIDING until every session has its first decision, then DECIDED; CANCELLED once the customer cancelled it.
 */
public record CourseView(
        String id,
        CourseStatus status,
        String branchId,
        Technique technique,
        int durationMinutes,
        ZoneId zone,
        List<DayOfWeek> weekdays,
        LocalTime timeLocal,
        LocalDate firstDate,
        Customer customer,
        String customerId,
        List<SessionView> sessions,
        CourseCancellation cancellation,
        Instant createdAt,
        Instant decidedAt) {

    /** One session: its booking's id, start and status now; {@code cancellation} set once it was cancelled (with any fee). */
    public record SessionView(String bookingId, Instant start, LocalDateTime startLocal, String status, TherapistView therapist,
                              RejectionView rejection, CancellationView cancellation) {
    }

    /** The course with each session as its booking in {@code bookings} stands (as the course recorded it when the booking is not there). */
    public static CourseView of(Course course, Map<String, Booking> bookings) {
        return new CourseView(course.id(), course.status(), course.branchId(), course.technique(), course.durationMinutes(), course.zone(),
                course.weekdays(), course.timeLocal(), course.firstDate(), course.customer(), course.customerId(),
                course.sessions().stream().map(session -> session(session, bookings.get(session.bookingId()), course.zone())).toList(),
                course.cancellation(), course.createdAt(), course.decidedAt());
    }

    private static SessionView session(CourseSession session, Booking booking, ZoneId zone) {
        if (booking == null) {
            return new SessionView(session.bookingId(), session.start(), LocalDateTime.ofInstant(session.start(), zone),
                    session.status().name(), TherapistView.of(session.therapist()), rejection(session.rejection()), null);
        }
        return new SessionView(booking.id(), booking.start(), LocalDateTime.ofInstant(booking.start(), booking.zone()),
                booking.status().name(), TherapistView.of(booking.therapist()), rejection(booking.rejection()),
                booking.cancellation() == null ? null : CancellationView.of(booking.cancellation()));
    }

    private static RejectionView rejection(Rejection rejection) {
        return rejection == null ? null : new RejectionView(rejection.reason(), rejection.detail(), rejection.alternatives());
    }
}
