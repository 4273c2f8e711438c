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
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the booking's {@code reminders} and {@code notifications} summary in step with notification-service.
 * Each event is applied once (guarded by its id in the same update); a reminder is addressed by its id with
 * the positional operator, so one update changes exactly that reminder. The updates of a batch of events go to the
 * store as one ordered bulk write. Where an event has two forms (a reminder added, or moved when the booking has it
 * already), both go in that order and the second finds the event applied when the first landed.
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

    /** Applies the events in their order, in one write; an event applied before changes nothing. */
    void apply(List<? extends NotificationEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, Bookings.COLLECTION);
        for (NotificationEvent event : events) {
            switch (event) {
                case ReminderScheduled scheduled -> scheduled(bulk, scheduled);
                case ReminderCancelled cancelled -> applyOnce(bulk, cancelled, guard(cancelled).and(REMINDER_ID).is(cancelled.reminderId()),
                        touched().set("reminders.$.status", ReminderStatus.CANCELLED.name()));
                case NotificationSent sent -> delivered(bulk, sent, sent.reminderId(), ReminderStatus.SENT, () -> touched()
                        .inc("notifications.sent", 1)
                        .set("notifications.last", new NotificationSummary.Last(sent.kind(), sent.channel(), Outcome.SENT,
                                sent.occurredAt(), sent.recipient())));
                case NotificationFailed failed -> delivered(bulk, failed, failed.reminderId(), ReminderStatus.FAILED, () -> touched()
                        .inc("notifications.failed", 1)
                        .set("notifications.last", new NotificationSummary.Last(failed.kind(), failed.channel(), Outcome.FAILED,
                                failed.occurredAt(), failed.reason())));
            }
        }
        int applied = bulk.execute().getModifiedCount();
        if (applied < events.size()) {
            log.debug("{} of {} notification events changed nothing: applied before, or the booking or reminder is unknown",
                    events.size() - applied, events.size());
        }
    }

    private void scheduled(BulkOperations bulk, ReminderScheduled event) {
        Reminder reminder = new Reminder(event.reminderId(), event.leadTime(), event.dueAt(), event.channel(), ReminderStatus.SCHEDULED);
        applyOnce(bulk, event, guard(event).and(REMINDER_ID).ne(event.reminderId()), touched().push("reminders", reminder));
        applyOnce(bulk, event, guard(event).and(REMINDER_ID).is(event.reminderId()), touched()
                .set("reminders.$.leadTime", event.leadTime())
                .set("reminders.$.at", event.dueAt())
                .set("reminders.$.channel", event.channel())
                .set("reminders.$.status", ReminderStatus.SCHEDULED.name()));
    }

    /** Counts the message; when it was a reminder this booking knows, that reminder's status changes in the same update. */
    private void delivered(BulkOperations bulk, NotificationEvent event, String reminderId, ReminderStatus status, Supplier<Update> summary) {
        if (reminderId == null) {
            applyOnce(bulk, event, guard(event), summary.get());
            return;
        }
        applyOnce(bulk, event, guard(event).and(REMINDER_ID).is(reminderId), summary.get().set("reminders.$.status", status.name()));
        applyOnce(bulk, event, guard(event).and(REMINDER_ID).ne(reminderId), summary.get());
    }

    private static void applyOnce(BulkOperations bulk, NotificationEvent event, Criteria criteria, Update update) {
        bulk.updateOne(new Query(AppliedEvents.notYetApplied(criteria, event.eventId())), AppliedEvents.markApplied(update, event.eventId()));
    }

    private static Criteria guard(NotificationEvent event) {
        if (event.bookingId() == null || event.eventId() == null) {
            // Can never be applied: EventHandlers finds it alone and it goes to the dead-letter topic.
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " without bookingId or eventId");
        }
        return Criteria.where("_id").is(event.bookingId());
    }

    private Update touched() {
        return new Update().set("updatedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
