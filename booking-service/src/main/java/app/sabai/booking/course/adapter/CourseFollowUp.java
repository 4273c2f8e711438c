package app.sabai.booking.course.adapter;

import app.sabai.booking.course.Course;
import app.sabai.booking.course.SessionDecision;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.adapter.BookingFollowUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Keeps a course in step with its sessions: once a session's booking has its first decision (confirmed, rejected, or
 * cancelled before either), the course records it, read by {@code _id} and written guarded by its version; the last one
 * decides the course and publishes the summary in the same write. Recording a decision the course has changes nothing.
 */
@Component
class CourseFollowUp implements BookingFollowUp {

    private static final Logger log = LoggerFactory.getLogger(CourseFollowUp.class);
    private static final int ATTEMPTS = 5;

    private final Courses courses;
    private final Clock clock;

    CourseFollowUp(Courses courses, Clock clock) {
        this.courses = courses;
        this.clock = clock;
    }

    @Override
    public void after(Booking booking) {
        if (booking.courseId() == null) {
            return;
        }
        Optional<SessionDecision> decision = SessionDecision.of(booking);
        if (decision.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Courses.StoredCourse> stored = courses.find(booking.courseId());
            if (stored.isEmpty()) {
                log.warn("Booking {} names course {}, which is not stored: nothing to record", booking.id(), booking.courseId());
                return;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            switch (stored.get().course().record(booking.id(), decision.get(), now)) {
                case Course.Unchanged unchanged -> {
                    log.debug("Course {}: {}", booking.courseId(), unchanged.why());
                    return;
                }
                case Course.Changed changed -> {
                    if (courses.write(stored.get(), changed)) {
                        log.info("Course {} recorded the decision of session {}{}", booking.courseId(), booking.id(),
                                changed.events().isEmpty() ? "" : ": every session is decided");
                        return;
                    }
                }
            }
        }
        throw new OptimisticLockingFailureException("Course " + booking.courseId() + " kept changing while recording session " + booking.id());
    }
}
