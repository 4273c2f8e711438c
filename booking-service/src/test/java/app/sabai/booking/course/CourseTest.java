package app.sabai.booking.course;

import app.sabai.booking.lifecycle.AssignedTherapist;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.lifecycle.Rejection;
import app.sabai.booking.testing.TestBookings;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.values.RejectionReason;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static app.sabai.booking.testing.TestBookings.NOK;
import static app.sabai.booking.testing.TestBookings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** A course records each session's first decision; the last one decides it and causes the summary, once. */
class CourseTest {

    static final Instant LATER = NOW.plus(Duration.ofMinutes(1));

    @Test
    void theLastDecisionDecidesTheCourseAndCausesTheSummaryOnce() {
        Course course = open("s-1", "s-2", "s-3");
        assertThat(course.status()).isEqualTo(CourseStatus.DECIDING);

        Course afterFirst = changed(course.record("s-1", new SessionDecision.Confirmed(NOK), LATER), 0);
        Course afterSecond = changed(afterFirst.record("s-2", new SessionDecision.Rejected(new Rejection(RejectionReason.NO_ROOM_AVAILABLE,
                "No room", List.of())), LATER), 0);
        Course.Changed last = (Course.Changed) afterSecond.record("s-3", new SessionDecision.Confirmed(NOK), LATER);

        assertThat(last.course().status()).isEqualTo(CourseStatus.DECIDED);
        assertThat(last.course().decidedAt()).isEqualTo(LATER);
        assertThat(last.events()).singleElement().isInstanceOfSatisfying(CourseDecided.class, summary -> {
            assertThat(summary.bookingId()).isEqualTo("course-1");
            assertThat(summary.sessions()).extracting(CourseDecided.Session::status).containsExactly("CONFIRMED", "REJECTED", "CONFIRMED");
            assertThat(summary.sessions().get(0).therapistName()).isEqualTo("Nok");
            assertThat(summary.sessions().get(1).reason()).isEqualTo(RejectionReason.NO_ROOM_AVAILABLE);
        });
        assertThat(last.course().record("s-3", new SessionDecision.Confirmed(NOK), LATER)).isInstanceOf(Course.Unchanged.class);
        assertThat(last.course().record("s-9", new SessionDecision.Confirmed(NOK), LATER)).isInstanceOf(Course.Unchanged.class);
    }

    @Test
    void aCancelledCourseSendsNoSummaryWhenItsLastSessionIsDecided() {
        Course cancelled = changed(open("s-1").cancel("Moving", NOW), 0);

        Course.Changed decided = (Course.Changed) cancelled.record("s-1", new SessionDecision.Cancelled(), LATER);

        assertThat(decided.course().status()).isEqualTo(CourseStatus.CANCELLED);
        assertThat(decided.events()).isEmpty();
        assertThat(cancelled.cancellation().reason()).isEqualTo("Moving");
        assertThat(cancelled.cancel("again", LATER)).isInstanceOf(Course.Unchanged.class);
    }

    @Test
    void aSessionsFirstDecisionIsReadFromItsBooking() {
        Booking requested = TestBookings.courseSession("s-1", "course-1");
        assertThat(SessionDecision.of(requested)).isEmpty();
        assertThat(SessionDecision.of(TestBookings.inStatus(TestBookings.confirmed("s-1"), BookingStatus.COMPLETED)))
                .contains(new SessionDecision.Confirmed(NOK));
        assertThat(SessionDecision.of(TestBookings.inStatus(requested, BookingStatus.CANCELLED))).contains(new SessionDecision.Cancelled());
        assertThat(SessionDecision.of(TestBookings.inStatus(TestBookings.confirmed("s-1"), BookingStatus.CANCELLED)))
                .as("confirmed first").contains(new SessionDecision.Confirmed(new AssignedTherapist("t-nok", "Nok")));
    }

    private static Course open(String... bookingIds) {
        List<Booking> sessions = java.util.Arrays.stream(bookingIds).map(id -> TestBookings.courseSession(id, "course-1")).toList();
        Course.Changed opened = Course.open("course-1", sessions, List.of(DayOfWeek.MONDAY), LocalTime.of(11, 0), LocalDate.of(2026, 12, 1),
                NOW);
        assertThat(opened.events()).isEmpty();
        return opened.course();
    }

    private static Course changed(Course.Change change, int events) {
        assertThat(change).isInstanceOf(Course.Changed.class);
        assertThat(((Course.Changed) change).events()).hasSize(events);
        return ((Course.Changed) change).course();
    }
}
