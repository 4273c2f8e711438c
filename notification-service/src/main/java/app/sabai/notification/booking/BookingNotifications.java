package app.sabai.notification.booking;

import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationFailed;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Everything the platform tells one customer about one booking (or one course): the messages (due, sent,
 * failed, held back), the reminders planned before the session, the waitlist offer when the booking is one,
 * and the booking facts the messages are rendered from. Every notice goes to each of the customer's routes
 * ({@link ContactRoute}): by email, and by SMS too when they chose it, SMS keeping to the branch's
 * {@link QuietHours}. Operations never write anything: they return the new state with the events it caused
 * ({@link Change}), which the store writes in one guarded update.
 */
public record BookingNotifications(String bookingId, BookingDetails details, List<Message> messages, List<Reminder> reminders,
                                   Offer offer) {

    static final String NO_CONTACT = "the customer has no email address or phone number";
    static final String INTERRUPTED = "delivery interrupted";
    private static final ZoneId UNKNOWN_ZONE = ZoneOffset.UTC;

    public BookingNotifications {
        Objects.requireNonNull(bookingId, "bookingId");
        messages = List.copyOf(messages);
        reminders = List.copyOf(reminders);
    }

    public BookingNotifications(String bookingId, BookingDetails details, List<Message> messages, List<Reminder> reminders) {
        this(bookingId, details, messages, reminders, null);
    }

    public static BookingNotifications empty(String bookingId) {
        return new BookingNotifications(bookingId, null, List.of(), List.of(), null);
    }

    // --- what booking events cause ---------------------------------------------------------------

    /** A confirmation at once, and the reminders before the session. A waitlist offer it answers is taken. */
    public Change confirmed(BookingConfirmed event, Instant now, ReminderPlanner planner) {
        Draft draft = new Draft(this, BookingDetails.of(event), now);
        if (offer != null && offer.isOpen()) {
            draft.offer = offer.with(Offer.Status.ACCEPTED);
            draft.cancelPendingOf(Notice.OFFER, "offer accepted");
        }
        if (event.courseId() == null) {
            // A course's customer hears of all its sessions at once, in the course summary.
            draft.notifyCustomer(Notice.CONFIRMATION, MessageFacts.none());
        }
        draft.replanReminders(planner, "booking confirmed for another time");
        return draft.change();
    }

    /**
     * The reason and the alternatives offered. Nothing for a course session (the course summary says it) or
     * for a waitlist offer that could not be held (the customer is still waiting and was never offered it).
     */
    public Change rejected(BookingRejected event, Instant now) {
        Draft draft = new Draft(this, BookingDetails.of(event), now);
        if (event.courseId() == null && event.waitlistId() == null) {
            draft.notifyCustomer(Notice.REJECTION,
                    MessageFacts.offering(event.reason() == null ? null : event.reason().name(), event.detail(), event.alternatives()));
        }
        return draft.change();
    }

    /**
     * Pending reminders (and anything else not sent yet) are cancelled, then the customer is told, with the
     * fee a late cancellation costs. A booking never confirmed here is told about when the event says who the
     * customer is. A waitlist offer that ends this way (it expired, or was withdrawn) sends nothing more: the
     * offer said until when it was held.
     */
    public Change cancelled(BookingCancelled event, Instant now) {
        if (offer != null && offer.isOpen()) {
            Draft draft = new Draft(this, BookingDetails.cancelled(details, event), now);
            draft.offer = offer.with(Offer.Status.ENDED);
            draft.cancelPending("offer ended" + (event.reason() == null || event.reason().isBlank() ? "" : ": " + event.reason()));
            return draft.change();
        }
        if (details == null && event.customer() == null) {
            // Never heard of, and nobody to write to.
            return Change.none(this);
        }
        Draft draft = new Draft(this, BookingDetails.cancelled(details, event), now);
        draft.cancelPending("booking cancelled");
        draft.notifyCustomer(Notice.CANCELLATION, MessageFacts.charging(event.reason(), event.fee()));
        return draft.change();
    }

    /**
     * The customer's details were erased: nothing more is sent, and the messages that were sent are kept without the
     * address they went to.
     */
    public Change customerErased(Instant now) {
        Draft draft = new Draft(this, details == null ? null : details.withoutCustomer(), now);
        draft.cancelPending("the customer's details were erased");
        draft.eraseRecipients();
        return draft.change();
    }

    /**
     * Reminders move with the session (cancelled and scheduled anew), and the customer gets a change notice
     * with the old and new time, and the fee when the move was late.
     */
    public Change rescheduled(BookingRescheduled event, Instant now, ReminderPlanner planner) {
        Draft draft = new Draft(this, BookingDetails.rescheduled(details, event), now);
        draft.replanReminders(planner, "booking rescheduled");
        draft.notifyCustomer(Notice.RESCHEDULED, MessageFacts.movedFrom(event.previousStart(), event.fee()));
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

    /**
     * A slot came free for a waitlisted customer and is held until the offer expires: the customer is told
     * the slot, the therapist, until when it is held and how to take it. An offer already taken or ended gets
     * no further offer message, nor does one that has expired by the time it is heard of.
     */
    public Change offered(BookingOffered event, Instant now) {
        if (offer != null && (!offer.isOpen() || Objects.equals(offer.expiresAt(), event.expiresAt()))) {
            return Change.none(this);
        }
        Draft draft = new Draft(this, BookingDetails.of(event), now);
        if (event.expiresAt() != null && !event.expiresAt().isAfter(now)) {
            draft.offer = new Offer(event.waitlistId(), event.expiresAt(), Offer.Status.ENDED);
            return draft.change();
        }
        draft.offer = new Offer(event.waitlistId(), event.expiresAt(), Offer.Status.OPEN);
        draft.cancelPendingOf(Notice.OFFER, "offer renewed");
        draft.notifyCustomer(Notice.OFFER, MessageFacts.heldUntil(event.expiresAt()));
        return draft.change();
    }

    /**
     * Every session of a course is decided: one summary, each session confirmed or not with why and the
     * alternatives. The sessions' reminders come with their own confirmations.
     */
    public Change courseDecided(CourseDecided event, Instant now) {
        Draft draft = new Draft(this, BookingDetails.of(event), now);
        draft.notifyCustomer(Notice.COURSE_SUMMARY, MessageFacts.course(event.sessions()));
        return draft.change();
    }

    /** The customer did not come: told only when the branch charges for it, with the fee. */
    public Change noShow(BookingNoShow event, Instant now) {
        BookingDetails known = BookingDetails.noShow(details, event);
        if (event.fee() == null || event.fee().isZero() || known.customer() == null) {
            return Change.none(this);
        }
        Draft draft = new Draft(this, known, now);
        draft.notifyCustomer(Notice.NO_SHOW, MessageFacts.charging(null, event.fee()));
        return draft.change();
    }

    // --- delivery ------------------------------------------------------------------------------

    /** The earliest due time of anything the dispatcher has to do here: a pending message or an expired claim. */
    public Instant nextDueAt() {
        return messages.stream()
                .map(message -> switch (message.status()) {
                    case PENDING -> message.dueAt();
                    case SENDING -> message.leaseUntil();
                    case SENT, FAILED, CANCELLED, MISSED, SKIPPED -> null;
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

    /**
     * Whether the message is still claimed at {@code claimedAt}, its lease not run out at {@code now}: the claim that made
     * it so may still send it. False once its outcome is recorded, its lease has run out, or there is no such message.
     */
    public boolean stillClaimed(String messageId, Instant claimedAt, Instant now) {
        return messages.stream().anyMatch(message -> message.id().equals(messageId) && message.isClaimedAt(claimedAt)
                && !message.leaseExpired(now));
    }

    /**
     * What to do with a due message now. It is held back for good when its moment has passed (a reminder
     * whose session has started, as after downtime; an offer that has ended; a reminder overtaken by a later
     * one that is due as well), and an SMS keeps to quiet hours (deferred, or skipped when waiting is
     * pointless). Otherwise it is claimed for sending.
     */
    public Dispatch take(String messageId, Instant now, DeliveryPolicy policy) {
        Message message = pending(messageId);
        Draft draft = new Draft(this, details, now);
        Optional<String> missed = missedBecause(message, now);
        if (missed.isPresent()) {
            draft.withhold(message, MessageStatus.MISSED, missed.get());
            return new Dispatch.Withhold(draft.change());
        }
        if (message.channel() == Channel.SMS) {
            switch (QuietHours.STANDARD.timing(message.notice(), now, zone(), deadline(message))) {
                case QuietHours.Timing.Defer defer -> {
                    draft.defer(message, defer.until());
                    return new Dispatch.Withhold(draft.change());
                }
                case QuietHours.Timing.Skip skip -> {
                    draft.withhold(message, MessageStatus.SKIPPED, skip.reason());
                    return new Dispatch.Withhold(draft.change());
                }
                case QuietHours.Timing.SendNow sendNow -> {
                }
            }
        }
        draft.replace(message.claimed(now, policy.leaseFrom(now)));
        return new Dispatch.Send(draft.change());
    }

    /** This dispatcher takes the message, whatever the rules of {@link #take}: nobody else sends it while the claim (and its lease) holds. */
    public Change claim(String messageId, Instant now, DeliveryPolicy policy) {
        Message message = pending(messageId);
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
     * started, an offer never after it ends); otherwise the message fails for good and
     * {@link NotificationFailed} says why.
     */
    public Change deliveryFailed(String messageId, Instant claimedAt, String subject, String error, Instant now,
                                 DeliveryPolicy policy) {
        Message message = message(messageId);
        if (!message.isClaimedAt(claimedAt)) {
            return Change.none(this);
        }
        Draft draft = new Draft(this, details, now);
        Optional<Instant> retry = policy.retryAt(message.attempts(), now, notAfter(message));
        if (retry.isPresent()) {
            draft.replace(message.retryAt(retry.get(), subject, error));
        } else {
            draft.fail(message.failed(subject, error));
        }
        return draft.change();
    }

    /**
     * Claims whose lease ran out: the dispatcher died or hung mid-send, so whether the message left is unknown.
     * Each is sent again, under the same id, while attempts remain: a message is delivered at least once, and a
     * receiver that de-duplicates by its id (an email's {@code Message-ID}) sees it once. The next attempt
     * keeps to the rules of {@link #take} (a reminder whose session has started is missed, not sent). With
     * no attempts left it fails as {@value #INTERRUPTED}.
     */
    public Change interruptedDeliveries(Instant now, DeliveryPolicy policy) {
        Draft draft = new Draft(this, details, now);
        messages.stream().filter(message -> message.leaseExpired(now)).forEach(message -> {
            String attempt = "attempt " + message.attempts();
            if (message.attempts() >= policy.maxAttempts()) {
                draft.fail(message.failed(message.subject(), INTERRUPTED + " (" + attempt + ", the last)"));
            } else {
                draft.replace(message.retryAt(message.leaseUntil(), message.subject(),
                        INTERRUPTED + " (" + attempt + "); sent again under the same id"));
            }
        });
        return draft.change();
    }

    private Message pending(String messageId) {
        Message message = message(messageId);
        if (message.status() != MessageStatus.PENDING) {
            throw new IllegalStateException("Message " + messageId + " is " + message.status() + ", not PENDING");
        }
        return message;
    }

    private Optional<String> missedBecause(Message message, Instant now) {
        Instant start = details == null ? null : details.start();
        if (message.isReminder() && start != null && !now.isBefore(start)) {
            return Optional.of("missed: the session had started when the reminder could be sent");
        }
        if (message.notice() == Notice.OFFER) {
            Instant ends = deadline(message);
            if (ends != null && !now.isBefore(ends)) {
                return Optional.of("missed: the offer had ended when it could be sent");
            }
        }
        if (message.isReminder()) {
            Optional<Message> later = messages.stream()
                    .filter(other -> other.isReminder() && other.isPendingOn(message.channel()) && other.isDue(now)
                            && other.dueAt().isAfter(message.dueAt()))
                    .max(Comparator.comparing(Message::dueAt));
            if (later.isPresent()) {
                return Optional.of("missed: a later reminder (" + later.get().id() + ") was due as well, and only that one is sent");
            }
        }
        return Optional.empty();
    }

    /** After this moment the message is pointless: the session's start, an offer's end; null when it has none. */
    Instant deadline(Message message) {
        Instant start = details == null ? null : details.start();
        MessageFacts facts = message.facts();
        return switch (message.notice()) {
            case REMINDER, CONFIRMATION, CANCELLATION, THERAPIST_CHANGED, NEEDS_ATTENTION -> start;
            case RESCHEDULED -> earliest(facts.previousStart(), start);
            case OFFER -> earliest(facts.offerExpiresAt(), start);
            case REJECTION, COURSE_SUMMARY, NO_SHOW -> null;
        };
    }

    /** No retry at or after this: a reminder's session start, an offer's end. */
    private Instant notAfter(Message message) {
        return message.isReminder() || message.notice() == Notice.OFFER ? deadline(message) : null;
    }

    private ZoneId zone() {
        return details == null || details.zone() == null ? UNKNOWN_ZONE : details.zone();
    }

    private String branchId() {
        return details == null ? null : details.branchId();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
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
        private Offer offer;

        Draft(BookingNotifications before, BookingDetails details, Instant now) {
            this.before = before;
            this.bookingId = before.bookingId();
            this.details = details;
            this.now = now;
            this.messages = new ArrayList<>(before.messages());
            this.reminders = new ArrayList<>(before.reminders());
            this.offer = before.offer();
        }

        Change change() {
            BookingNotifications after = new BookingNotifications(bookingId, details, messages, reminders, offer);
            return new Change(after, events, !events.isEmpty() || !after.equals(before));
        }

        /** Every message forgets its address; one being sent right now is given up (its send finds it changed). */
        void eraseRecipients() {
            messages.replaceAll(message -> (message.status() == MessageStatus.SENDING
                    ? message.withheld(MessageStatus.CANCELLED, "the customer's details were erased") : message).withoutRecipient());
        }

        private BookingNotifications current() {
            return new BookingNotifications(bookingId, details, messages, reminders, offer);
        }

        /** The notice on every route the customer has; an SMS that falls in quiet hours waits or is skipped. */
        void notifyCustomer(Notice notice, MessageFacts facts) {
            String base = bookingId + ":" + notice.name().toLowerCase(Locale.ROOT);
            List<ContactRoute> routes = ContactRoute.of(details.customer());
            if (routes.isEmpty()) {
                Message undeliverable = Message.undeliverable(uniqueId(messageIds(), base), notice, now, NO_CONTACT, facts);
                messages.add(undeliverable);
                events.add(failedEvent(undeliverable));
                return;
            }
            for (ContactRoute route : routes) {
                Message message = Message.pending(uniqueId(messageIds(), base + route.idSuffix()), notice, route, now, null, facts);
                switch (timing(message, now)) {
                    case QuietHours.Timing.SendNow sendNow -> messages.add(message);
                    case QuietHours.Timing.Defer defer -> messages.add(message.deferredTo(defer.until()));
                    case QuietHours.Timing.Skip skip -> messages.add(message.withheld(MessageStatus.SKIPPED, skip.reason()));
                }
            }
        }

        /**
         * Brings the reminders in line with the session's current time: a scheduled reminder the new plan
         * also wants stays, the others are cancelled, and what the plan lacks is scheduled, one per lead time
         * and route. A reminder that was already sent (or is being sent, failed, was missed or skipped) is
         * never planned again for the same due time.
         */
        void replanReminders(ReminderPlanner planner, String cancelReason) {
            List<ContactRoute> routes = ContactRoute.of(details.customer());
            List<Wanted> wanted = new ArrayList<>();
            if (!routes.isEmpty() && details.start() != null && details.zone() != null) {
                // Every planned time, passed or not, so that a stored reminder the plan still wants is kept even
                // when quiet hours moved it past its planned time; only those still to come are scheduled anew.
                for (PlannedReminder planned : planner.planAll(details.start(), details.zone())) {
                    routes.forEach(route -> wanted.add(wanted(planned, route)));
                }
            }
            for (Reminder reminder : List.copyOf(reminders)) {
                switch (reminder.status()) {
                    case SCHEDULED -> {
                        if (!wanted.removeIf(planned -> planned.sameAs(reminder))) {
                            cancelReminder(reminder, cancelReason);
                        }
                    }
                    case SENDING, SENT, FAILED, MISSED, SKIPPED -> wanted.removeIf(planned -> planned.sameAs(reminder));
                    case CANCELLED -> {
                    }
                }
            }
            wanted.stream().filter(planned -> planned.plannedFor().isAfter(now)).forEach(this::schedule);
        }

        /** A planned reminder on one route, at the time its channel allows. */
        private Wanted wanted(PlannedReminder planned, ContactRoute route) {
            Message probe = Message.pending("-", Notice.REMINDER, route, planned.dueAt(), "-", MessageFacts.none());
            return switch (timing(probe, planned.dueAt())) {
                case QuietHours.Timing.SendNow sendNow -> new Wanted(planned.leadTime(), route, planned.dueAt(), planned.dueAt(), null);
                case QuietHours.Timing.Defer defer -> new Wanted(planned.leadTime(), route, planned.dueAt(), defer.until(), null);
                case QuietHours.Timing.Skip skip -> new Wanted(planned.leadTime(), route, planned.dueAt(), planned.dueAt(), skip.reason());
            };
        }

        private QuietHours.Timing timing(Message message, Instant at) {
            if (message.channel() != Channel.SMS) {
                return new QuietHours.Timing.SendNow();
            }
            BookingNotifications state = current();
            return QuietHours.STANDARD.timing(message.notice(), at, state.zone(), state.deadline(message));
        }

        void cancelPending(String reason) {
            for (Reminder reminder : List.copyOf(reminders)) {
                if (reminder.status() == ReminderStatus.SCHEDULED) {
                    cancelReminder(reminder, reason);
                }
            }
            for (Message message : List.copyOf(messages)) {
                if (message.status() == MessageStatus.PENDING) {
                    replace(message.withheld(MessageStatus.CANCELLED, reason));
                }
            }
        }

        void cancelPendingOf(Notice notice, String reason) {
            for (Message message : List.copyOf(messages)) {
                if (message.status() == MessageStatus.PENDING && message.notice() == notice) {
                    replace(message.withheld(MessageStatus.CANCELLED, reason));
                }
            }
        }

        /** The message will not be sent: a reminder's cancellation is announced with the reason. */
        void withhold(Message message, MessageStatus status, String reason) {
            replace(message.withheld(status, reason));
            if (message.isReminder()) {
                events.add(new ReminderCancelled(UUID.randomUUID(), now, bookingId, branchId(), message.reminderId(), reason));
            }
        }

        /** The message goes out later: a reminder's new time is announced. */
        void defer(Message message, Instant until) {
            replace(message.deferredTo(until));
            if (message.isReminder()) {
                reminders.replaceAll(reminder -> reminder.id().equals(message.reminderId()) ? reminder.dueAt(until) : reminder);
                reminders.stream().filter(reminder -> reminder.id().equals(message.reminderId())).findFirst()
                        .ifPresent(reminder -> events.add(new ReminderScheduled(UUID.randomUUID(), now, bookingId, branchId(),
                                reminder.id(), reminder.leadTime(), message.channel(), until)));
            }
        }

        private void schedule(Wanted planned) {
            String id = uniqueId(Stream.concat(reminders.stream().map(Reminder::id), messages.stream().map(Message::id)).toList(),
                    bookingId + ":" + planned.leadTime().iso() + planned.route().idSuffix());
            Message message = Message.pending(id, Notice.REMINDER, planned.route(), planned.dueAt(), id, MessageFacts.none());
            if (planned.skipReason() != null) {
                // Never announced: booking-service hears of reminders that will be sent, or were meant to be.
                reminders.add(new Reminder(id, planned.leadTime().iso(), planned.route().channel(), planned.plannedFor(), planned.dueAt(),
                        ReminderStatus.SKIPPED));
                messages.add(message.withheld(MessageStatus.SKIPPED, planned.skipReason()));
                return;
            }
            reminders.add(new Reminder(id, planned.leadTime().iso(), planned.route().channel(), planned.plannedFor(), planned.dueAt(),
                    ReminderStatus.SCHEDULED));
            messages.add(message);
            events.add(new ReminderScheduled(UUID.randomUUID(), now, bookingId, details.branchId(), id,
                    planned.leadTime().iso(), planned.route().channel(), planned.dueAt()));
        }

        private void cancelReminder(Reminder reminder, String reason) {
            messages.stream()
                    .filter(message -> reminder.id().equals(message.reminderId()) && message.status() == MessageStatus.PENDING)
                    .findFirst()
                    .ifPresentOrElse(message -> replace(message.withheld(MessageStatus.CANCELLED, reason)),
                            () -> setReminderStatus(reminder.id(), ReminderStatus.CANCELLED));
            events.add(new ReminderCancelled(UUID.randomUUID(), now, bookingId, branchId(), reminder.id(), reason));
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

        private String branchId() {
            return details == null ? null : details.branchId();
        }

        private NotificationFailed failedEvent(Message message) {
            return new NotificationFailed(UUID.randomUUID(), now, bookingId, branchId(),
                    message.id(), message.kind(), message.reminderId(), message.channel(), message.error());
        }

        private List<String> messageIds() {
            return messages.stream().map(Message::id).toList();
        }

        /** {@code base}, or {@code base#2}, {@code base#3}… when the booking already has a message or reminder by that id. */
        private static String uniqueId(List<String> used, String base) {
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

    /**
     * A reminder the plan wants on one route: planned for the time its lead time gives, due when its channel
     * allows; {@code skipReason} when quiet hours skip it. It is the same as a stored reminder with the same
     * lead time, channel and planned time, wherever quiet hours moved that one since.
     */
    private record Wanted(LeadTime leadTime, ContactRoute route, Instant plannedFor, Instant dueAt, String skipReason) {

        boolean sameAs(Reminder reminder) {
            return leadTime.iso().equals(reminder.leadTime()) && route.channel() == reminder.channel()
                    && plannedFor.equals(reminder.plannedFor());
        }
    }
}
