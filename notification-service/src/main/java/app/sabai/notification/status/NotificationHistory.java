package app.sabai.notification.status;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.MessageStatus;
import app.sabai.notification.booking.Notice;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/bookings/{id}/notifications}: every message about a booking (or a course), in the order
 * they arose, on each channel, with what became of it. Recipients are masked ({@link Recipients}), since
 * the history is shown beside the booking; {@code error} says why a message failed or was not sent.
 */
public record NotificationHistory(String bookingId, String branchId, List<Entry> messages) {

    public record Entry(String id, MessageKind kind, Notice notice, Channel channel, MessageStatus status, Instant dueAt,
                        Instant sentAt, String subject, String recipient, int attempts, String error, String reminderId) {
    }

    static NotificationHistory of(BookingNotifications notifications) {
        return new NotificationHistory(notifications.bookingId(),
                notifications.details() == null ? null : notifications.details().branchId(),
                notifications.messages().stream().map(NotificationHistory::entry).toList());
    }

    private static Entry entry(Message message) {
        return new Entry(message.id(), message.kind(), message.notice(), message.channel(), message.status(), message.dueAt(),
                message.sentAt(), message.subject(), Recipients.mask(message.channel(), message.recipient()), message.attempts(),
                message.error(), message.reminderId());
    }
}
