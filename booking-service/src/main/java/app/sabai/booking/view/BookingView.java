package app.sabai.booking.view;

import app.sabai.booking.lifecycle.AssignedTherapist;
import app.sabai.booking.lifecycle.Attention;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.lifecycle.Cancellation;
import app.sabai.booking.lifecycle.Fee;
import app.sabai.booking.lifecycle.PendingReschedule;
import app.sabai.booking.lifecycle.Requester;
import app.sabai.booking.lifecycle.RescheduleRefusal;
import app.sabai.booking.lifecycle.WaitlistOffer;
import app.sabai.booking.reminders.NotificationSummary;
import app.sabai.booking.reminders.ReminderStatus;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * A booking as the customer sees it ({@code GET /api/bookings/{id}}); {@code startLocal} is in the branch's zone.
 * {@code customerId} is the id of the customer's file (their bookings: {@code GET /api/customers/{customerId}/bookings}).
 * {@code reschedule} shows a move asked for and not answered yet, {@code lastRescheduleRefusal} why the last one
 * could not be made; {@code cancellation}, {@code noShow} and {@code completion} how the booking ended;
 * {@code fees} what its changes of plan cost. {@code courseId} is set for a session of a course
 * ({@code GET /api/courses/{courseId}}); {@code waitlistId} and {@code offer} for a waitlist offer (until when it is held,
 * and how it ended).
 */
public record BookingView(
        String id,
        BookingStatus status,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        LocalDateTime startLocal,
        Customer customer,
        String customerId,
        Preferences preferences,
        List<BodyArea> bodyAreas,
        HomeVisit homeVisit,
        TherapistView therapist,
        String roomId,
        RejectionView rejection,
        AttentionView attention,
        RescheduleView reschedule,
        RescheduleRefusalView lastRescheduleRefusal,
        CancellationView cancellation,
        NoShowView noShow,
        CompletionView completion,
        List<FeeView> fees,
        List<ReminderView> reminders,
        NotificationSummary notifications,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> careNotes,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String courseId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String waitlistId,
        @JsonInclude(JsonInclude.Include.NON_NULL) OfferView offer) {

    /** A waitlist offer: held for the customer until {@code expiresAt}; {@code ended} how it ended (null while open). */
    public record OfferView(Instant expiresAt, WaitlistOffer.End ended) {
    }

    public record TherapistView(String id, String name) {

        public static TherapistView of(AssignedTherapist therapist) {
            return therapist == null ? null : new TherapistView(therapist.therapistId(), therapist.name());
        }
    }

    public record RejectionView(RejectionReason reason, String detail, List<Alternative> alternatives) {
    }

    /** Why staff must act: the therapist the booking lost, and the nearest free times to offer instead. */
    public record AttentionView(String reason, List<Alternative> alternatives, Instant since, TherapistView lostTherapist) {

        static AttentionView of(Attention attention) {
            return new AttentionView(attention.reason(), attention.alternatives(), attention.since(),
                    TherapistView.of(attention.lostTherapist()));
        }
    }

    public record ReminderView(Instant at, Channel channel, ReminderStatus status, String leadTime) {
    }

    /** A move asked for, waiting for therapist-service's answer; {@code requestedStartLocal} is in the branch's zone. */
    public record RescheduleView(Instant requestedStart, LocalDateTime requestedStartLocal, Instant requestedEnd, Instant requestedAt,
                                 Requester requestedBy, String therapistId, boolean late, Money fee) {

        static RescheduleView of(PendingReschedule pending, ZoneId zone) {
            return new RescheduleView(pending.requestedStart(), LocalDateTime.ofInstant(pending.requestedStart(), zone),
                    pending.requestedEnd(), pending.requestedAt(), pending.requestedBy(), pending.therapistId(), pending.late(),
                    pending.fee());
        }
    }

    public record RescheduleRefusalView(Instant requestedStart, RejectionReason reason, String detail, List<Alternative> alternatives,
                                        Instant refusedAt) {

        static RescheduleRefusalView of(RescheduleRefusal refusal) {
            return new RescheduleRefusalView(refusal.requestedStart(), refusal.reason(), refusal.detail(), refusal.alternatives(),
                    refusal.refusedAt());
        }
    }

    public record CancellationView(Instant at, Requester by, String reason, boolean late, Money fee) {

        public static CancellationView of(Cancellation cancellation) {
            return new CancellationView(cancellation.at(), cancellation.by(), cancellation.reason(), cancellation.late(),
                    cancellation.fee());
        }
    }

    public record NoShowView(Instant recordedAt, Money fee) {
    }

    public record CompletionView(Instant recordedAt) {
    }

    public record FeeView(Fee.Reason reason, Money amount, Instant chargedAt) {
    }

    /** The same booking without the notes its intake gave for the therapist, for readers who may not see intake. */
    public BookingView withoutCareNotes() {
        return new BookingView(id, status, branchId, technique, durationMinutes, start, end, zone, startLocal, customer, customerId,
                preferences, bodyAreas, homeVisit, therapist, roomId, rejection, attention, reschedule, lastRescheduleRefusal,
                cancellation, noShow, completion, fees, reminders, notifications, List.of(), createdAt, updatedAt, courseId, waitlistId,
                offer);
    }

    public static BookingView of(Booking booking) {
        return new BookingView(
                booking.id(),
                booking.status(),
                booking.branchId(),
                booking.technique(),
                booking.durationMinutes(),
                booking.start(),
                booking.end(),
                booking.zone(),
                LocalDateTime.ofInstant(booking.start(), booking.zone()),
                booking.customer(),
                booking.customerId(),
                booking.preferences(),
                booking.bodyAreas(),
                booking.homeVisit(),
                TherapistView.of(booking.therapist()),
                booking.roomId(),
                booking.rejection() == null ? null : new RejectionView(booking.rejection().reason(),
                        booking.rejection().detail(), booking.rejection().alternatives()),
                booking.attention() == null || booking.status() != BookingStatus.NEEDS_ATTENTION
                        ? null : AttentionView.of(booking.attention()),
                booking.reschedule() == null ? null : RescheduleView.of(booking.reschedule(), booking.zone()),
                booking.lastRescheduleRefusal() == null ? null : RescheduleRefusalView.of(booking.lastRescheduleRefusal()),
                booking.cancellation() == null ? null : CancellationView.of(booking.cancellation()),
                booking.noShow() == null ? null : new NoShowView(booking.noShow().recordedAt(), booking.noShow().fee()),
                booking.completion() == null ? null : new CompletionView(booking.completion().recordedAt()),
                booking.fees().stream().map(fee -> new FeeView(fee.reason(), fee.amount(), fee.chargedAt())).toList(),
                booking.reminders().stream()
                        .sorted(Comparator.comparing(reminder -> reminder.at() == null ? Instant.MAX : reminder.at()))
                        .map(reminder -> new ReminderView(reminder.at(), reminder.channel(), reminder.status(), reminder.leadTime()))
                        .toList(),
                booking.notifications(),
                booking.requirements() == null ? List.of() : booking.requirements().notesForTherapist(),
                booking.createdAt(),
                booking.updatedAt(),
                booking.courseId(),
                booking.waitlistId(),
                booking.offer() == null ? null : new OfferView(booking.offer().expiresAt(), booking.offer().ended()));
    }
}
