package app.sabai.booking.view;

import app.sabai.booking.lifecycle.AssignedTherapist;
import app.sabai.booking.lifecycle.Attention;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.reminders.NotificationSummary;
import app.sabai.booking.reminders.ReminderStatus;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** A booking as the customer sees it ({@code GET /api/bookings/{id}}); {@code startLocal} is in the branch's zone. */
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
        Preferences preferences,
        List<BodyArea> bodyAreas,
        HomeVisit homeVisit,
        TherapistView therapist,
        String roomId,
        RejectionView rejection,
        AttentionView attention,
        List<ReminderView> reminders,
        NotificationSummary notifications,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> careNotes,
        Instant createdAt,
        Instant updatedAt) {

    public record TherapistView(String id, String name) {

        static TherapistView of(AssignedTherapist therapist) {
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
                booking.preferences(),
                booking.bodyAreas(),
                booking.homeVisit(),
                TherapistView.of(booking.therapist()),
                booking.roomId(),
                booking.rejection() == null ? null : new RejectionView(booking.rejection().reason(),
                        booking.rejection().detail(), booking.rejection().alternatives()),
                booking.attention() == null ? null : AttentionView.of(booking.attention()),
                booking.reminders().stream()
                        .sorted(Comparator.comparing(reminder -> reminder.at() == null ? Instant.MAX : reminder.at()))
                        .map(reminder -> new ReminderView(reminder.at(), reminder.channel(), reminder.status(), reminder.leadTime()))
                        .toList(),
                booking.notifications(),
                booking.requirements() == null ? List.of() : booking.requirements().notesForTherapist(),
                booking.createdAt(),
                booking.updatedAt());
    }
}
