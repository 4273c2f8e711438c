package app.sabai.contracts.notifications;

import app.sabai.contracts.SabaiEvent;

/** Events of {@code sabai.notifications}, keyed by booking. */
public sealed interface NotificationEvent extends SabaiEvent permits
        ReminderScheduled, ReminderCancelled, NotificationSent, NotificationFailed {

    String bookingId();

    String branchId();

    @Override
    default String key() {
        return bookingId();
    }

    @Override
    default String subject() {
        return bookingId();
    }
}
