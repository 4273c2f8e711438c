package app.sabai.booking.course;

import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A course as stored in {@code courses}: what was asked (the treatment, the weekdays, time and first date the sessions
 * follow from), who for, and its sessions in order, each a booking, with its first decision. The course is DECIDED
 * when every session has its decision: then, once, the customer is sent the summary ({@code CourseDecided}). A course
 * cancelled by its customer sends no summary.
 */
public record Course(
        String id,
        CourseStatus status,
        String branchId,
        Technique technique,
        int durationMinutes,
        ZoneId zone,
        Customer customer,
        String customerId,
        List<DayOfWeek> weekdays,
        LocalTime timeLocal,
        LocalDate firstDate,
        List<CourseSession> sessions,
        CourseCancellation cancellation,
        Instant createdAt,
        Instant decidedAt,
        Instant updatedAt) {

    public Course {
        weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    /** A change of the course and the events it causes, or nothing, with why. */
    public sealed interface Change {
    }

    public record Changed(Course course, List<BookingEvent> events) implements Change {

        public Changed {
            events = List.copyOf(events);
        }
    }

    public record Unchanged(String why) implements Change {
    }

    /**
     * A new course of {@code bookings} (its sessions, in order, as opened: requested, or rejected by the intake screening).
     * When none is left to decide (the screening declined every one) it is decided at once.
     */
    public static Changed open(String id, List<Booking> bookings, List<DayOfWeek> weekdays, LocalTime timeLocal, LocalDate firstDate,
                               Instant now) {
        Booking first = bookings.getFirst();
        List<CourseSession> sessions = bookings.stream()
                .map(booking -> {
                    CourseSession requested = new CourseSession(booking.id(), booking.start(), CourseSession.Status.REQUESTED, null, null);
                    return booking.status() == BookingStatus.REQUESTED ? requested
                            : SessionDecision.of(booking).map(requested::decided).orElse(requested);
                })
                .toList();
        Course course = new Course(id, CourseStatus.DECIDING, first.branchId(), first.technique(), first.durationMinutes(), first.zone(),
                first.customer(), first.customerId(), weekdays, timeLocal, firstDate, sessions, null, now, null, now);
        return course.decidedIfComplete(now);
    }

    /** Records a session's first decision; the course is decided with the last one. A decision recorded before changes nothing. */
    public Change record(String bookingId, SessionDecision decision, Instant now) {
        Optional<CourseSession> session = session(bookingId);
        if (session.isEmpty()) {
            return new Unchanged("booking " + bookingId + " is not a session of course " + id);
        }
        if (session.get().decided()) {
            return new Unchanged("session " + bookingId + " of course " + id + " was decided before (" + session.get().status() + ")");
        }
        List<CourseSession> updated = sessions.stream()
                .map(each -> each.bookingId().equals(bookingId) ? each.decided(decision) : each)
                .toList();
        return with(status, updated, cancellation, decidedAt, now).decidedIfComplete(now);
    }

    /** The customer cancels the course; its sessions are cancelled one by one after. Cancelling again changes nothing. */
    public Change cancel(String reason, Instant now) {
        if (status == CourseStatus.CANCELLED) {
            return new Unchanged("course " + id + " was cancelled before");
        }
        return new Changed(with(CourseStatus.CANCELLED, sessions, new CourseCancellation(now, reason), decidedAt, now), List.of());
    }

    public Optional<CourseSession> session(String bookingId) {
        return sessions.stream().filter(session -> session.bookingId().equals(bookingId)).findFirst();
    }

    public List<String> bookingIds() {
        return sessions.stream().map(CourseSession::bookingId).toList();
    }

    private Changed decidedIfComplete(Instant now) {
        if (status != CourseStatus.DECIDING || !sessions.stream().allMatch(CourseSession::decided)) {
            return new Changed(this, List.of());
        }
        Course decided = with(CourseStatus.DECIDED, sessions, cancellation, now, now);
        return new Changed(decided, List.of(decided.summary(now)));
    }

    private CourseDecided summary(Instant now) {
        return new CourseDecided(UUID.randomUUID(), now, id, branchId, technique, durationMinutes, zone, customer,
                sessions.stream().map(session -> new CourseDecided.Session(session.bookingId(), session.start(), session.status().name(),
                        session.therapist() == null ? null : session.therapist().name(),
                        session.rejection() == null ? null : session.rejection().reason(),
                        session.rejection() == null ? null : session.rejection().detail(),
                        session.rejection() == null ? List.of() : session.rejection().alternatives())).toList());
    }

    private Course with(CourseStatus status, List<CourseSession> sessions, CourseCancellation cancellation, Instant decidedAt, Instant now) {
        return new Course(id, status, branchId, technique, durationMinutes, zone, customer, customerId, weekdays, timeLocal, firstDate,
                sessions, cancellation, createdAt, decidedAt, now);
    }
}
