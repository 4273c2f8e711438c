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
 * rejected or needs attention, what its changes of plan were and cost, and what the customer has been sent.
 * {@code customerId} is the opaque id of the customer's file (null for bookings made before files had one);
 * {@code requirements} is null for a booking the intake screening declined; {@code attention} is set only while
 * it needs attention (kept while a move staff asked for is pending, so a refusal can restore it);
 * {@code reschedule} only while a move is pending. {@code courseId} links the sessions of a course; {@code waitlistId}
 * and {@code offer} are set on a session held for a waitlist entry as an offer.
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
        String customerId,
        Preferences preferences,
        List<BodyArea> bodyAreas,
        HomeVisit homeVisit,
        CareRequirements requirements,
        AssignedTherapist therapist,
        String roomId,
        Rejection rejection,
        Attention attention,
        PendingReschedule reschedule,
        RescheduleRefusal lastRescheduleRefusal,
        Cancellation cancellation,
        NoShow noShow,
        Completion completion,
        List<Fee> fees,
        List<Reminder> reminders,
        NotificationSummary notifications,
        Instant createdAt,
        Instant updatedAt,
        String courseId,
        String waitlistId,
        WaitlistOffer offer) {

    public Booking {
        bodyAreas = bodyAreas == null ? List.of() : List.copyOf(bodyAreas);
        fees = fees == null ? List.of() : List.copyOf(fees);
        reminders = reminders == null ? List.of() : List.copyOf(reminders);
        notifications = notifications == null ? NotificationSummary.none() : notifications;
    }

    /**
     * The same booking with nobody to it, as kept after its customer's data was erased: no name, email, phone, home
     * address or intake notes; the customer's language stays for nothing but the record of what was sent.
     */
    public Booking withoutPersonalData(Instant now) {
        Customer anonymous = customer == null ? null : new Customer(null, null, null, customer.language(), null);
        return new Booking(id, status, branchId, technique, durationMinutes, start, end, zone, anonymous, customerId, preferences,
                bodyAreas, null, null, therapist, roomId, rejection, attention, reschedule, lastRescheduleRefusal, cancellation,
                noShow, completion, fees, reminders, notifications, createdAt, now, courseId, waitlistId, offer);
    }

    static Booking opened(String id, String customerId, BookingStatus status, BookingDetails details,
                          CareRequirements requirements, Rejection rejection, Instant now, Links links) {
        return new Booking(id, status, details.branchId(), details.technique(), details.durationMinutes(), details.start(),
                details.end(), details.zone(), details.customer(), customerId, details.preferences(), details.bodyAreas(),
                details.homeVisit(), requirements, null, null, rejection, null, null, null, null, null, null, List.of(),
                List.of(), NotificationSummary.none(), now, now, links.courseId(), links.waitlistId(), links.offer());
    }

    /** What a booking belongs to: a course ({@code courseId}), or a waitlist entry it is offered to ({@code waitlistId}, {@code offer}). */
    public record Links(String courseId, String waitlistId, WaitlistOffer offer) {

        public static final Links NONE = new Links(null, null, null);

        public static Links course(String courseId) {
            return new Links(courseId, null, null);
        }

        public static Links offer(String waitlistId, Instant expiresAt) {
            return new Links(null, waitlistId, new WaitlistOffer(expiresAt, null));
        }
    }

    /** A session of a course, or a waitlist offer: what happens to it matters beyond the booking. */
    public boolean isLinked() {
        return courseId != null || waitlistId != null;
    }

    public Instant offerExpiresAt() {
        return offer == null ? null : offer.expiresAt();
    }

    /** Still waiting for therapist-service's first decision: requested, or needing attention because that decision is overdue. */
    public boolean awaitsFirstDecision() {
        return status == BookingStatus.REQUESTED
                || status == BookingStatus.NEEDS_ATTENTION && attention != null && attention.cause() == AttentionCause.NO_DECISION;
    }

    /** The therapist the customer was last told of: the assigned one, or the one an absence took away; null when none yet. */
    public AssignedTherapist lastKnownTherapist() {
        if (therapist != null) {
            return therapist;
        }
        return attention != null ? attention.lostTherapist() : null;
    }

    public String lastKnownTherapistId() {
        AssignedTherapist known = lastKnownTherapist();
        return known == null ? null : known.therapistId();
    }
}
