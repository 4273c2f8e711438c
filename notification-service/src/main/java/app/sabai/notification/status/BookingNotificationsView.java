package app.sabai.notification.status;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.MessageStatus;
import app.sabai.notification.booking.Reminder;
import app.sabai.notification.booking.ReminderStatus;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/notifications?bookingId=}: what was, is being and will be sent about a booking. */
public record BookingNotificationsView(String bookingId, String branchId, List<MessageView> messages, List<ReminderView> reminders) {

    public record MessageView(String id, MessageKind kind, Channel channel, MessageStatus status, Instant dueAt, Instant sentAt,
                              String recipient, String subject, int attempts, String error, String reminderId) {
    }

    public record ReminderView(String id, String leadTime, Channel channel, Instant dueAt, ReminderStatus status) {
    }

    static BookingNotificationsView of(BookingNotifications notifications) {
        return new BookingNotificationsView(notifications.bookingId(),
                notifications.details() == null ? null : notifications.details().branchId(),
                notifications.messages().stream().map(BookingNotificationsView::message).toList(),
                notifications.reminders().stream()
                        .map(reminder -> new ReminderView(reminder.id(), reminder.leadTime(), reminder.channel(), reminder.dueAt(),
                                reminder.status()))
                        .toList());
    }

    private static MessageView message(Message message) {
        return new MessageView(message.id(), message.kind(), message.channel(), message.status(), message.dueAt(),
                message.sentAt(), message.recipient(), message.subject(), message.attempts(), message.error(),
                message.reminderId());
    }
}
