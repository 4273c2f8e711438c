package app.sabai.notification.booking;

import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationFailed;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Everything the platform tells one customer about one booking: the messages (due, sent, failed), the
 * reminders planned before the session, and the booking facts the messages are rendered from.
 * Operations never write anything: they return the new state with the events it caused ({@link Change}),
 * which the store writes in one guarded update.
 */
public record BookingNotifications(String bookingId, BookingDetails details, List<Message> messages, List<Reminder> reminders) {

    static final String NO_CONTACT = "the customer has no email address or phone number";
    static final String INTERRUPTED = "delivery interrupted";

    public BookingNotifications {
        Objects.requireNonNull(bookingId, "bookingId");
        messages = List.copyOf(messages);
        reminders = List.copyOf(reminders);
    }

    public static BookingNotifications empty(String bookingId) {
        return new BookingNotifications(bookingId, null, List.of(), List.of());
    }

    // --- what booking events cause ---------------------------------------------------------------

    /** A confirmation at once, and the reminders before the session. */
    public Change confirmed(BookingConfirmed event, Instant now, ReminderPlanner planner) {
        Draft draft = new Draft(this, BookingDetails.of(event), now);
        draft.notifyCustomer(Notice.CONFIRMATION, MessageFacts.none());
        draft.replanReminders(planner, "booking confirmed for another time");
        return draft.change();
    }

    /** The reason and the alternatives offered. */
    public Change rejected(BookingRejected event, Instant now) {
        Draft draft = new Draft(this, BookingDetails.of(event), now);
        draft.notifyCustomer(Notice.REJECTION,
                MessageFacts.offering(event.reason() == null ? null : event.reason().name(), event.detail(), event.alternatives()));
        return draft.change();
    }

    /** Pending reminders (and anything else not sent yet) are cancelled, then the customer is told. */
    public Change cancelled(BookingCancelled event, Instant now) {
        if (details == null) {
            // Never confirmed here: nothing was promised, nothing to take back, no address to write to.
            return Change.none(this);
        }
        Draft draft = new Draft(this, details, now);
        draft.cancelPending("booking cancelled");
        draft.notifyCustomer(Notice.CANCELLATION, MessageFacts.because(event.reason()));
        return draft.change();
    }

    /** Reminders move with the session (cancelled and scheduled anew), and the customer gets a change notice. */
    public Change rescheduled(BookingRescheduled event, Instant now, ReminderPlanner planner) {
        Draft draft = new Draft(this, BookingDetails.rescheduled(details, event), now);
        draft.replanReminders(planner, "booking rescheduled");
        draft.notifyCustomer(Notice.RESCHEDULED, MessageFacts.movedFrom(event.previousStart()));
        return draft.change();
    }

    /** The therapist fell through and nobody could take over: the customer is offered the alternatives. */
    public Change needsAttention(BookingNeedsAttention event, Instant now) {
        Draft draft = new Draft(this, BookingDetails.needingAttention(details, event), now);
        draft.notifyCustomer(Notice.NEEDS_ATTENTION, MessageFacts.offering(event.reason(), null, event.alternatives()));
        return draft.change();
    }

    /**
     * Another therapist gives the session: the customer is told who, and who it was (from the event, else as
     * last heard here). Reminders are brought in line with the session's time, which keeps them as they are
     * when the time is unchanged; later messages name the new therapist. The reason staff gave is not kept:
     * it is written for staff (often about the therapist's absence), not for the customer.
     */
    public Change therapistChanged(BookingTherapistChanged event, Instant now, ReminderPlanner planner) {
        String previousTherapist = event.previousTherapistName() != null && !event.previousTherapistName().isBlank()
                ? event.previousTherapistName()
                : details == null ? null : details.therapistName();
        Draft draft = new Draft(this, BookingDetails.therapistChanged(details, event), now);
        draft.replanReminders(planner, "therapist changed for another time");
        draft.notifyCustomer(Notice.THERAPIST_CHANGED, MessageFacts.replacing(previousTherapist));
        return draft.change();
    }

    // --- delivery ------------------------------------------------------------------------------

    /** The earliest due time of anything the dispatcher has to do here: a pending message or an expired claim. */
    public Instant nextDueAt() {
        return messages.stream()
                .map(message -> switch (message.status()) {
                    case PENDING -> message.dueAt();
                    case SENDING -> message.leaseUntil();
                    case SENT, FAILED, CANCELLED -> null;
                })
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    /** The pending message that has been due longest, if any is due. */
    public Optional<Message> nextDueMessage(Instant now) {
        return messages.stream().filter(message -> message.isDue(now)).min(Comparator.comparing(Message::dueAt));
    }

    public Message message(String messageId) {
        return messages.stream().filter(message -> message.id().equals(messageId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No message " + messageId + " for booking " + bookingId));
    }

    /** This dispatcher takes the message: nobody else sends it while the claim (and its lease) holds. */
    public Change claim(String messageId, Instant now, DeliveryPolicy policy) {
        Message message = message(messageId);
        if (message.status() != MessageStatus.PENDING) {
            throw new IllegalStateException("Message " + messageId + " is " + message.status() + ", not PENDING");
        }
        Draft draft = new Draft(this, details, now);
        draft.replace(message.claimed(now, policy.leaseFrom(now)));
        return draft.change();
    }

    public Change delivered(String messageId, Instant claimedAt, String subject, Instant now) {
        Message message = message(messageId);
        if (!message.isClaimedAt(claimedAt)) {
            return Change.none(this);
        }
        Draft draft = new Draft(this, details, now);
        Message sent = message.sent(now, subject);
        draft.replace(sent);
        draft.events.add(new NotificationSent(UUID.randomUUID(), now, bookingId, branchId(), sent.id(), sent.kind(),
                sent.reminderId(), sent.channel(), sent.recipient()));
        return draft.change();
    }

    /**
     * A failed attempt is retried later while attempts remain (a reminder never after the session has
     * started); otherwise the message fails for good and {@link NotificationFailed} says why.
     */
    public Change deliveryFailed(String messageId, Instant claimedAt, String subject, String error, Instant now,
                                 DeliveryPolicy policy) {
        Message message = message(messageId);
        if (!message.isClaimedAt(claimedAt)) {
            return Change.none(this);
        }
        Draft draft = new Draft(this, details, now);
        Instant notAfter = message.isReminder() && details != null ? details.start() : null;
        Optional<Instant> retry = policy.retryAt(message.attempts(), now, notAfter);
        if (retry.isPresent()) {
            draft.replace(message.retryAt(retry.get(), subject, error));
        } else {
            draft.fail(message.failed(subject, error));
        }
        return draft.change();
    }

    /**
     * Claims whose lease ran out: the dispatcher died or hung mid-send, so whether the message left is
     * unknown. Sending again could deliver it twice, so each fails as {@value #INTERRUPTED}: at most once wins.
     */
    public Change interruptedDeliveries(Instant now) {
        Draft draft = new Draft(this, details, now);
        messages.stream().filter(message -> message.leaseExpired(now))
                .forEach(message -> draft.fail(message.failed(message.subject(), INTERRUPTED)));
        return draft.change();
    }

    private String branchId() {
        return details == null ? null : details.branchId();
    }

    /** A working copy: the operations above build the new state and its events here. */
    private static final class Draft {

        private final BookingNotifications before;
        private final String bookingId;
        private final BookingDetails details;
        private final Instant now;
        private final List<Message> messages;
        private final List<Reminder> reminders;
        private final List<NotificationEvent> events = new ArrayList<>();

        Draft(BookingNotifications before, BookingDetails details, Instant now) {
            this.before = before;
            this.bookingId = before.bookingId();
            this.details = details;
            this.now = now;
            this.messages = new ArrayList<>(before.messages());
            this.reminders = new ArrayList<>(before.reminders());
        }

        Change change() {
            BookingNotifications after = new BookingNotifications(bookingId, details, messages, reminders);
            return new Change(after, events, !events.isEmpty() || !after.equals(before));
        }

        void notifyCustomer(Notice notice, MessageFacts facts) {
            String id = uniqueId(messages.stream().map(Message::id), bookingId + ":" + notice.name().toLowerCase(Locale.ROOT));
            Optional<ContactRoute> route = ContactRoute.of(details.customer());
            if (route.isPresent()) {
                messages.add(Message.pending(id, notice, route.get(), now, null, facts));
            } else {
                Message undeliverable = Message.undeliverable(id, notice, now, NO_CONTACT, facts);
                messages.add(undeliverable);
                events.add(failedEvent(undeliverable));
            }
        }

        /**
         * Brings the reminders in line with the session's current time: a scheduled reminder the new plan
         * also wants stays, the others are cancelled, and what the plan lacks is scheduled. A reminder that
         * was already sent (or is being sent, or failed) is never planned again for the same due time.
         */
        void replanReminders(ReminderPlanner planner, String cancelReason) {
            Optional<ContactRoute> route = ContactRoute.of(details.customer());
            List<PlannedReminder> wanted = new ArrayList<>(route.isEmpty() || details.start() == null || details.zone() == null
                    ? List.of()
                    : planner.plan(details.start(), details.zone(), now));
            for (Reminder reminder : List.copyOf(reminders)) {
                Predicate<PlannedReminder> same = planned -> planned.sameAs(reminder);
                switch (reminder.status()) {
                    case SCHEDULED -> {
                        if (!wanted.removeIf(same)) {
                            cancelReminder(reminder, cancelReason);
                        }
                    }
                    case SENDING, SENT, FAILED -> wanted.removeIf(same);
                    case CANCELLED -> {
                    }
                }
            }
            wanted.forEach(planned -> schedule(planned, route.orElseThrow()));
        }

        void cancelPending(String reason) {
            for (Reminder reminder : List.copyOf(reminders)) {
                if (reminder.status() == ReminderStatus.SCHEDULED) {
                    cancelReminder(reminder, reason);
                }
            }
            for (Message message : List.copyOf(messages)) {
                if (message.status() == MessageStatus.PENDING) {
                    replace(message.cancelled());
                }
            }
        }

        private void schedule(PlannedReminder planned, ContactRoute route) {
            String id = uniqueId(Stream.concat(reminders.stream().map(Reminder::id), messages.stream().map(Message::id)),
                    bookingId + ":" + planned.leadTime().iso());
            reminders.add(new Reminder(id, planned.leadTime().iso(), planned.dueAt(), ReminderStatus.SCHEDULED));
            messages.add(Message.pending(id, Notice.REMINDER, route, planned.dueAt(), id, MessageFacts.none()));
            events.add(new ReminderScheduled(UUID.randomUUID(), now, bookingId, details.branchId(), id,
                    planned.leadTime().iso(), route.channel(), planned.dueAt()));
        }

        private void cancelReminder(Reminder reminder, String reason) {
            messages.stream()
                    .filter(message -> reminder.id().equals(message.reminderId()) && message.status() == MessageStatus.PENDING)
                    .findFirst()
                    .ifPresentOrElse(message -> replace(message.cancelled()),
                            () -> setReminderStatus(reminder.id(), ReminderStatus.CANCELLED));
            events.add(new ReminderCancelled(UUID.randomUUID(), now, bookingId, details.branchId(), reminder.id(), reason));
        }

        void fail(Message failed) {
            replace(failed);
            events.add(failedEvent(failed));
        }

        /** Puts the new version of a message in place; its reminder's status follows. */
        void replace(Message updated) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).id().equals(updated.id())) {
                    messages.set(i, updated);
                }
            }
            if (updated.reminderId() != null) {
                setReminderStatus(updated.reminderId(), ReminderStatus.of(updated.status()));
            }
        }

        private void setReminderStatus(String reminderId, ReminderStatus status) {
            reminders.replaceAll(reminder -> reminder.id().equals(reminderId) ? reminder.withStatus(status) : reminder);
        }

        private NotificationFailed failedEvent(Message message) {
            return new NotificationFailed(UUID.randomUUID(), now, bookingId, details == null ? null : details.branchId(),
                    message.id(), message.kind(), message.reminderId(), message.channel(), message.error());
        }

        /** {@code base}, or {@code base#2}, {@code base#3}… when the booking already has a message or reminder by that id. */
        private static String uniqueId(Stream<String> taken, String base) {
            List<String> used = taken.toList();
            if (!used.contains(base)) {
                return base;
            }
            int n = 2;
            while (used.contains(base + "#" + n)) {
                n++;
            }
            return base + "#" + n;
        }
    }
}
