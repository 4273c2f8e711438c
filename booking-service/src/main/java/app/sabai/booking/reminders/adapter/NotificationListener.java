package app.sabai.booking.reminders.adapter;

import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.support.kafka.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Follows notification-service, so the booking shows its reminders and what was sent. The events of a poll are applied
 * together: a booking's reminders and its confirmation's delivery, and those of every booking in the poll, in one
 * write to the store.
 */
@Component
class NotificationListener implements EventHandler.Together<NotificationEvent> {

    private final ReminderTracking tracking;

    NotificationListener(ReminderTracking tracking) {
        this.tracking = tracking;
    }

    @Override
    public Class<NotificationEvent> events() {
        return NotificationEvent.class;
    }

    @Override
    public void handle(List<NotificationEvent> events) {
        tracking.apply(events);
    }
}
