package app.sabai.booking.privacy;

import app.sabai.booking.course.CourseView;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.view.BookingView;
import app.sabai.booking.waitlist.WaitlistView;

import java.time.Instant;
import java.util.List;

/**
 * Everything booking-service keeps about a customer, as they may take it away ({@code GET /api/me/export}): the
 * email their file is kept under, the latest intake they gave, every booking with the notes it gave the therapist,
 * their courses and their waitlist entries.
 */
public record CustomerExport(
        String customerId,
        Instant exportedAt,
        String email,
        Intake intake,
        Instant intakeRecordedAt,
        List<BookingView> bookings,
        List<CourseView> courses,
        List<WaitlistView> waitlist) {
}
