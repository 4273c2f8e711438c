package app.sabai.booking.testing;

import app.sabai.booking.intake.ScreeningDecision;
import app.sabai.booking.lifecycle.AssignedTherapist;
import app.sabai.booking.lifecycle.Attention;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingDetails;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.lifecycle.OpenedBooking;
import app.sabai.booking.lifecycle.PendingReschedule;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Bookings for plain unit tests: a 60-minute Thai massage in Liverpool on 1 December 2026 at 10:00 UTC,
 * requested at {@link #NOW}, then moved to the status a test is about.
 */
public final class TestBookings {

    public static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    public static final BookingDetails DETAILS = new BookingDetails("liverpool", Technique.THAI, 60,
            Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T11:00:00Z"), ZoneId.of("Europe/London"),
            new Customer("Somchai", "somchai@example.com", "+447700900123", "en"), Preferences.none(),
            List.of(BodyArea.LOWER_BACK), null);
    public static final CareRequirements SENIOR = new CareRequirements(false, true, false, List.of(), List.of("Sciatica: senior therapist."));
    public static final AssignedTherapist NOK = new AssignedTherapist("t-nok", "Nok");

    private TestBookings() {
    }

    public static Booking requested(String id) {
        return OpenedBooking.open(id, "c-" + id, DETAILS, new ScreeningDecision.Accepted(SENIOR), NOW).booking();
    }

    /** A session of course {@code courseId}, requested. */
    public static Booking courseSession(String id, String courseId) {
        return OpenedBooking.open(id, "c-" + id, DETAILS, new ScreeningDecision.Accepted(SENIOR), NOW, Booking.Links.course(courseId))
                .booking();
    }

    /** A slot held for waitlist entry {@code waitlistId}, offered until {@code expiresAt} once therapist-service holds it. */
    public static Booking offerRequested(String id, String waitlistId, Instant expiresAt) {
        return OpenedBooking.open(id, "c-" + id, DETAILS, new ScreeningDecision.Accepted(SENIOR), NOW,
                Booking.Links.offer(waitlistId, expiresAt)).booking();
    }

    /** Held by {@link #NOK} in {@code room-2} and offered to the customer until {@code expiresAt}. */
    public static Booking offered(String id, String waitlistId, Instant expiresAt) {
        return with(offerRequested(id, waitlistId, expiresAt), BookingStatus.OFFERED, NOK, "room-2", null);
    }

    /** Confirmed with {@link #NOK} in {@code room-2}. */
    public static Booking confirmed(String id) {
        return with(requested(id), BookingStatus.CONFIRMED, NOK, "room-2", null);
    }

    /** Lost {@link #NOK} to an absence; the room stays held. */
    public static Booking needingAttention(String id, Attention attention) {
        return with(requested(id), BookingStatus.NEEDS_ATTENTION, null, "room-2", attention);
    }

    /** The booking as it would stand in another status, therapist and attention unchanged. */
    public static Booking inStatus(Booking booking, BookingStatus status) {
        return with(booking, status, booking.therapist(), booking.roomId(), booking.attention());
    }

    /** Waiting for a move (from the status it has) to {@code pending}. */
    public static Booking rescheduling(Booking booking, PendingReschedule pending) {
        return new Booking(booking.id(), BookingStatus.RESCHEDULE_REQUESTED, booking.branchId(), booking.technique(),
                booking.durationMinutes(), booking.start(), booking.end(), booking.zone(), booking.customer(), booking.customerId(),
                booking.preferences(), booking.bodyAreas(), booking.homeVisit(), booking.requirements(), booking.therapist(),
                booking.roomId(), booking.rejection(), booking.attention(), pending, booking.lastRescheduleRefusal(),
                booking.cancellation(), booking.noShow(), booking.completion(), booking.fees(), booking.reminders(),
                booking.notifications(), booking.createdAt(), booking.updatedAt(), booking.courseId(), booking.waitlistId(),
                booking.offer());
    }

    private static Booking with(Booking booking, BookingStatus status, AssignedTherapist therapist, String roomId, Attention attention) {
        return new Booking(booking.id(), status, booking.branchId(), booking.technique(), booking.durationMinutes(),
                booking.start(), booking.end(), booking.zone(), booking.customer(), booking.customerId(), booking.preferences(),
                booking.bodyAreas(), booking.homeVisit(), booking.requirements(), therapist, roomId, booking.rejection(), attention,
                booking.reschedule(), booking.lastRescheduleRefusal(), booking.cancellation(), booking.noShow(), booking.completion(),
                booking.fees(), booking.reminders(), booking.notifications(), booking.createdAt(), booking.updatedAt(),
                booking.courseId(), booking.waitlistId(), booking.offer());
    }
}
