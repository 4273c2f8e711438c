package app.sabai.booking.lifecycle;

import app.sabai.booking.reminders.NotificationSummary;
import app.sabai.booking.reminders.Reminder;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A booking as stored in {@code bookings}: what was asked, where it stands, who was assigned or why it was
 * rejected or needs attention, and what the customer has been sent. {@code requirements} is null for a
 * booking the intake screening declined; {@code attention} is set only while it needs attention.
 */
public record Booking(
        String id,
        BookingStatus status,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        Customer customer,
        Preferences preferences,
        List<BodyArea> bodyAreas,
        HomeVisit homeVisit,
        CareRequirements requirements,
        AssignedTherapist therapist,
        String roomId,
        Rejection rejection,
        Attention attention,
        List<Reminder> reminders,
        NotificationSummary notifications,
        Instant createdAt,
        Instant updatedAt) {

    public Booking {
        bodyAreas = bodyAreas == null ? List.of() : List.copyOf(bodyAreas);
        reminders = reminders == null ? List.of() : List.copyOf(reminders);
        notifications = notifications == null ? NotificationSummary.none() : notifications;
    }

    static Booking opened(String id, BookingStatus status, BookingDetails details, CareRequirements requirements,
                          Rejection rejection, Instant now) {
        return new Booking(id, status, details.branchId(), details.technique(), details.durationMinutes(), details.start(),
                details.end(), details.zone(), details.customer(), details.preferences(), details.bodyAreas(),
                details.homeVisit(), requirements, null, null, rejection, null, List.of(), NotificationSummary.none(), now, now);
    }
}
