package app.sabai.booking.reminders.adapter;

import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.reminders.NotificationSummary;
import app.sabai.booking.reminders.NotificationSummary.Outcome;
import app.sabai.booking.reminders.Reminder;
import app.sabai.booking.reminders.ReminderStatus;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationFailed;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.support.consume.AppliedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Keeps the booking's {@code reminders} and {@code notifications} summary in step with notification-service.
 * Each event is applied once (guarded by its id in the same write); a reminder is addressed by its id with
 * the positional operator, so one write changes exactly that reminder.
 */
@Component
class ReminderTracking {

    private static final Logger log = LoggerFactory.getLogger(ReminderTracking.class);
    private static final String REMINDER_ID = "reminders.reminderId";

    private final MongoTemplate mongo;
    private final Clock clock;

    ReminderTracking(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    void scheduled(ReminderScheduled event) {
        Reminder reminder = new Reminder(event.reminderId(), event.leadTime(), event.dueAt(), event.channel(), ReminderStatus.SCHEDULED);
        boolean added = applyOnce(event, guard(event).and(REMINDER_ID).ne(event.reminderId()),
                () -> touched().push("reminders", reminder));
        boolean moved = !added && applyOnce(event, guard(event).and(REMINDER_ID).is(event.reminderId()), () -> touched()
                .set("reminders.$.leadTime", event.leadTime())
                .set("reminders.$.at", event.dueAt())
                .set("reminders.$.channel", event.channel())
                .set("reminders.$.status", ReminderStatus.SCHEDULED.name()));
        if (!added && !moved) {
            unchanged(event);
        }
    }

    void cancelled(ReminderCancelled event) {
        if (!applyOnce(event, guard(event).and(REMINDER_ID).is(event.reminderId()),
                () -> touched().set("reminders.$.status", ReminderStatus.CANCELLED.name()))) {
            unchanged(event);
        }
    }

    void sent(NotificationSent event) {
        delivered(event, event.reminderId(), ReminderStatus.SENT, () -> touched()
                .inc("notifications.sent", 1)
                .set("notifications.last", new NotificationSummary.Last(event.kind(), event.channel(), Outcome.SENT,
                        event.occurredAt(), event.recipient())));
    }

    void failed(NotificationFailed event) {
        delivered(event, event.reminderId(), ReminderStatus.FAILED, () -> touched()
                .inc("notifications.failed", 1)
                .set("notifications.last", new NotificationSummary.Last(event.kind(), event.channel(), Outcome.FAILED,
                        event.occurredAt(), event.reason())));
    }

    /** Counts the message; when it was a reminder this booking knows, that reminder's status changes in the same write. */
    private void delivered(NotificationEvent event, String reminderId, ReminderStatus status, Supplier<Update> summary) {
        boolean applied;
        if (reminderId == null) {
            applied = applyOnce(event, guard(event), summary);
        } else {
            applied = applyOnce(event, guard(event).and(REMINDER_ID).is(reminderId),
                    () -> summary.get().set("reminders.$.status", status.name()))
                    || applyOnce(event, guard(event).and(REMINDER_ID).ne(reminderId), summary);
        }
        if (!applied) {
            unchanged(event);
        }
    }

    private boolean applyOnce(NotificationEvent event, Criteria criteria, Supplier<Update> update) {
        Query query = new Query(AppliedEvents.notYetApplied(criteria, event.eventId()));
        return mongo.updateFirst(query, AppliedEvents.markApplied(update.get(), event.eventId()), Bookings.COLLECTION)
                .getModifiedCount() == 1;
    }

    private static Criteria guard(NotificationEvent event) {
        return Criteria.where("_id").is(event.bookingId());
    }

    private Update touched() {
        return new Update().set("updatedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private static void unchanged(NotificationEvent event) {
        log.debug("{} for booking {} changed nothing: applied before, or the booking or reminder is unknown",
                event.getClass().getSimpleName(), event.bookingId());
    }
}
