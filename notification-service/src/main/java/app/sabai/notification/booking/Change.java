package app.sabai.notification.booking;

import app.sabai.contracts.notifications.NotificationEvent;

import java.util.ArrayList;
import java.util.List;

/** The new state of a booking's notifications and the events the change caused, to be written together. */
public record Change(BookingNotifications state, List<NotificationEvent> events, boolean changed) {

    public Change {
        events = List.copyOf(events);
    }

    /** This change followed by {@code next}, made on this one's state: one write for both, with the events of both. */
    public Change andThen(Change next) {
        List<NotificationEvent> both = new ArrayList<>(events);
        both.addAll(next.events());
        return new Change(next.state(), both, changed || next.changed());
    }

    public static Change none(BookingNotifications state) {
        return new Change(state, List.of(), false);
    }
}
