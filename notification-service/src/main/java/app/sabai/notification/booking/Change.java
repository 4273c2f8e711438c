package app.sabai.notification.booking;

import app.sabai.contracts.notifications.NotificationEvent;

import java.util.List;

/** The new state of a booking's notifications and the events the change caused, to be written together. */
public record Change(BookingNotifications state, List<NotificationEvent> events, boolean changed) {

    public Change {
        events = List.copyOf(events);
    }

    public static Change none(BookingNotifications state) {
        return new Change(state, List.of(), false);
    }
}
