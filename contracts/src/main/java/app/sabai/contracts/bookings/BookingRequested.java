package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A customer asked for a session that passed the intake screening; a therapist must now be found.
 * {@code courseId} links the sessions of a course; {@code waitlistId} and {@code offerExpiresAt} are set when
 * the session is held for a waitlist entry as an offer, to be accepted before it expires.
 */
@EventType("sabai.bookings.BookingRequested.v1")
public record BookingRequested(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        Customer customer,
        Preferences preferences,
        List<BodyArea> bodyAreas,
        CareRequirements requirements,
        HomeVisit homeVisit,
        String courseId,
        String waitlistId,
        Instant offerExpiresAt) implements BookingEvent {

    public BookingRequested(UUID eventId, Instant occurredAt, String bookingId, String branchId, Technique technique, int durationMinutes,
                            Instant start, Instant end, ZoneId zone, Customer customer, Preferences preferences, List<BodyArea> bodyAreas,
                            CareRequirements requirements, HomeVisit homeVisit, String courseId) {
        this(eventId, occurredAt, bookingId, branchId, technique, durationMinutes, start, end, zone, customer, preferences, bodyAreas,
                requirements, homeVisit, courseId, null, null);
    }
}
