package app.sabai.notification.booking;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;

import java.time.Instant;

/**
 * One message to the customer on one channel. Its {@code id} names it for good: every attempt to send it
 * carries the same id (an email's {@code Message-ID} is made from it), so a receiver can tell a repeated
 * delivery from a new message. {@code claimedAt} identifies the dispatcher's claim; {@code leaseUntil} is
 * when a claim that never reported back counts as interrupted. {@code subject} is known once rendered;
 * {@code error} says why the last attempt failed, or why the message was not sent.
 */
public record Message(
        String id,
        Notice notice,
        Channel channel,
        String recipient,
        MessageStatus status,
        Instant dueAt,
        int attempts,
        Instant claimedAt,
        Instant leaseUntil,
        Instant sentAt,
        String subject,
        String error,
        String reminderId,
        MessageFacts facts) {

    public Message {
        facts = facts == null ? MessageFacts.none() : facts;
    }

    static Message pending(String id, Notice notice, ContactRoute route, Instant dueAt, String reminderId, MessageFacts facts) {
        return new Message(id, notice, route.channel(), route.recipient(), MessageStatus.PENDING, dueAt, 0,
                null, null, null, null, null, reminderId, facts);
    }

    static Message undeliverable(String id, Notice notice, Instant now, String error, MessageFacts facts) {
        return new Message(id, notice, null, null, MessageStatus.FAILED, now, 0, null, null, null, null, error, null, facts);
    }

    public MessageKind kind() {
        return notice.kind();
    }

    public boolean isReminder() {
        return reminderId != null;
    }

    boolean isDue(Instant now) {
        return status == MessageStatus.PENDING && !dueAt.isAfter(now);
    }

    boolean isClaimedAt(Instant claim) {
        return status == MessageStatus.SENDING && claimedAt != null && claimedAt.equals(claim);
    }

    boolean leaseExpired(Instant now) {
        return status == MessageStatus.SENDING && leaseUntil != null && !leaseUntil.isAfter(now);
    }

    Message claimed(Instant now, Instant until) {
        return new Message(id, notice, channel, recipient, MessageStatus.SENDING, dueAt, attempts + 1, now, until,
                null, subject, error, reminderId, facts);
    }

    Message sent(Instant now, String renderedSubject) {
        return new Message(id, notice, channel, recipient, MessageStatus.SENT, dueAt, attempts, claimedAt, null,
                now, renderedSubject, null, reminderId, facts);
    }

    Message retryAt(Instant next, String renderedSubject, String failure) {
        return new Message(id, notice, channel, recipient, MessageStatus.PENDING, next, attempts, null, null,
                null, renderedSubject, failure, reminderId, facts);
    }

    Message failed(String renderedSubject, String failure) {
        return new Message(id, notice, channel, recipient, MessageStatus.FAILED, dueAt, attempts, claimedAt, null,
                null, renderedSubject, failure, reminderId, facts);
    }

    Message cancelled() {
        return new Message(id, notice, channel, recipient, MessageStatus.CANCELLED, dueAt, attempts, null, null,
                null, subject, error, reminderId, facts);
    }

    /** The same message without the address it went to (the customer's details were erased). */
    Message withoutRecipient() {
        return new Message(id, notice, channel, null, status, dueAt, attempts, claimedAt, leaseUntil, sentAt, subject, error,
                reminderId, facts);
    }

    /** Not sent, and never will be: CANCELLED, MISSED or SKIPPED, {@code why} says why. */
    Message withheld(MessageStatus status, String why) {
        return new Message(id, notice, channel, recipient, status, dueAt, attempts, null, null, null, subject, why,
                reminderId, facts);
    }

    /** Still to be sent, later. */
    Message deferredTo(Instant later) {
        return new Message(id, notice, channel, recipient, MessageStatus.PENDING, later, attempts, null, null, null,
                subject, error, reminderId, facts);
    }

    boolean isPendingOn(Channel onChannel) {
        return status == MessageStatus.PENDING && channel == onChannel;
    }
}
