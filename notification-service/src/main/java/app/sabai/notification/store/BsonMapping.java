package app.sabai.notification.store;

import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.notification.booking.BookingDetails;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.MessageFacts;
import app.sabai.notification.booking.MessageStatus;
import app.sabai.notification.booking.Notice;
import app.sabai.notification.booking.Offer;
import app.sabai.notification.booking.Reminder;
import app.sabai.notification.booking.ReminderStatus;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code booking_notifications} document, field by field. Written by hand so what is stored is plain
 * to see and reads the same on the embedded store and on MongoDB: times as dates, enums and zones as names.
 */
final class BsonMapping {

    static final String VERSION = "version";
    static final String NEXT_DUE_AT = "nextDueAt";
    static final String MESSAGES = "messages";
    static final String REMINDERS = "reminders";
    static final String OFFER = "offer";

    private BsonMapping() {
    }

    /** {@code $set} of every state field (the booking facts, messages and reminders). */
    static Update stateUpdate(BookingNotifications state) {
        Update update = new Update();
        BookingDetails details = state.details();
        if (details != null) {
            update.set("branchId", details.branchId())
                    .set("zone", details.zone() == null ? null : details.zone().getId())
                    .set("customer", customer(details.customer()))
                    .set("technique", name(details.technique()))
                    .set("durationMinutes", details.durationMinutes())
                    .set("start", date(details.start()))
                    .set("end", date(details.end()))
                    .set("therapistName", details.therapistName());
        }
        update.set(MESSAGES, state.messages().stream().map(BsonMapping::message).toList());
        update.set(REMINDERS, state.reminders().stream().map(BsonMapping::reminder).toList());
        if (state.offer() == null) {
            update.unset(OFFER);
        } else {
            update.set(OFFER, new Document("waitlistId", state.offer().waitlistId())
                    .append("expiresAt", date(state.offer().expiresAt()))
                    .append("status", state.offer().status().name()));
        }
        return update;
    }

    /**
     * The state as a read finds it after {@code update} (made by {@link #stateUpdate}) was written: the same
     * mapping both ways, so what the store keeps less precisely than the state holds (instants to the millisecond)
     * is as stored.
     */
    static BookingNotifications asStored(String bookingId, Update update) {
        Document stored = new Document(update.getUpdateObject().get("$set", Document.class)).append("_id", bookingId);
        return read(stored).state();
    }

    static StoredBookingNotifications read(Document document) {
        BookingDetails details = document.containsKey("branchId")
                ? new BookingDetails(document.getString("branchId"), zone(document.getString("zone")),
                customer(document.get("customer", Document.class)), enumOf(Technique.class, document.getString("technique")),
                document.getInteger("durationMinutes"), instant(document.getDate("start")), instant(document.getDate("end")),
                document.getString("therapistName"))
                : null;
        List<Message> messages = list(document, MESSAGES, BsonMapping::message);
        // Reminders written before they named their channel are on their message's (same id).
        Map<String, Channel> channels = messages.stream().filter(message -> message.channel() != null)
                .collect(Collectors.toMap(Message::id, Message::channel, (a, b) -> a));
        List<Reminder> reminders = list(document, REMINDERS, reminder -> reminder(reminder, channels));
        Document offer = document.get(OFFER, Document.class);
        BookingNotifications state = new BookingNotifications(document.getString("_id"), details, messages, reminders,
                offer == null ? null : new Offer(offer.getString("waitlistId"), instant(offer.getDate("expiresAt")),
                        Offer.Status.valueOf(offer.getString("status"))));
        Number version = document.get(VERSION, Number.class);
        return new StoredBookingNotifications(state, version == null ? 0 : version.longValue(),
                document.getList("appliedEventIds", String.class, List.of()), instant(document.getDate(NEXT_DUE_AT)));
    }

    private static Document message(Message message) {
        return new Document("id", message.id())
                .append("kind", message.kind().name())
                .append("notice", message.notice().name())
                .append("channel", name(message.channel()))
                .append("recipient", message.recipient())
                .append("status", message.status().name())
                .append("dueAt", date(message.dueAt()))
                .append("attempts", message.attempts())
                .append("claimedAt", date(message.claimedAt()))
                .append("leaseUntil", date(message.leaseUntil()))
                .append("sentAt", date(message.sentAt()))
                .append("subject", message.subject())
                .append("error", message.error())
                .append("reminderId", message.reminderId())
                .append("facts", facts(message.facts()));
    }

    private static Message message(Document document) {
        return new Message(document.getString("id"), Notice.valueOf(document.getString("notice")),
                enumOf(Channel.class, document.getString("channel")), document.getString("recipient"),
                MessageStatus.valueOf(document.getString("status")), instant(document.getDate("dueAt")),
                document.getInteger("attempts", 0), instant(document.getDate("claimedAt")),
                instant(document.getDate("leaseUntil")), instant(document.getDate("sentAt")), document.getString("subject"),
                document.getString("error"), document.getString("reminderId"), facts(document.get("facts", Document.class)));
    }

    private static Document reminder(Reminder reminder) {
        return new Document("id", reminder.id())
                .append("leadTime", reminder.leadTime())
                .append("channel", name(reminder.channel()))
                .append("plannedFor", date(reminder.plannedFor()))
                .append("dueAt", date(reminder.dueAt()))
                .append("status", reminder.status().name());
    }

    private static Reminder reminder(Document document, Map<String, Channel> channelsByMessage) {
        String id = document.getString("id");
        Channel channel = enumOf(Channel.class, document.getString("channel"));
        Instant dueAt = instant(document.getDate("dueAt"));
        Instant plannedFor = instant(document.getDate("plannedFor"));
        return new Reminder(id, document.getString("leadTime"),
                channel != null ? channel : channelsByMessage.getOrDefault(id, Channel.EMAIL),
                plannedFor != null ? plannedFor : dueAt, dueAt, ReminderStatus.valueOf(document.getString("status")));
    }

    private static Document facts(MessageFacts facts) {
        Document document = new Document("reason", facts.reason())
                .append("detail", facts.detail())
                .append("previousStart", date(facts.previousStart()))
                .append("previousTherapistName", facts.previousTherapistName())
                .append("alternatives", alternatives(facts.alternatives()));
        if (facts.fee() != null) {
            document.append("fee", new Document("amountMinor", facts.fee().amountMinor()).append("currency", facts.fee().currency()));
        }
        if (facts.offerExpiresAt() != null) {
            document.append("offerExpiresAt", date(facts.offerExpiresAt()));
        }
        if (!facts.sessions().isEmpty()) {
            document.append("sessions", facts.sessions().stream()
                    .map(session -> new Document("sessionBookingId", session.sessionBookingId())
                            .append("start", date(session.start()))
                            .append("status", session.status())
                            .append("therapistName", session.therapistName())
                            .append("reason", name(session.reason()))
                            .append("detail", session.detail())
                            .append("alternatives", alternatives(session.alternatives())))
                    .toList());
        }
        return document;
    }

    private static MessageFacts facts(Document document) {
        if (document == null) {
            return MessageFacts.none();
        }
        Document fee = document.get("fee", Document.class);
        List<CourseDecided.Session> sessions = list(document, "sessions", session -> new CourseDecided.Session(
                session.getString("sessionBookingId"), instant(session.getDate("start")), session.getString("status"),
                session.getString("therapistName"), enumOf(RejectionReason.class, session.getString("reason")),
                session.getString("detail"), alternatives(session)));
        return new MessageFacts(document.getString("reason"), document.getString("detail"), alternatives(document),
                instant(document.getDate("previousStart")), document.getString("previousTherapistName"),
                fee == null ? null : new Money(fee.get("amountMinor", Number.class).longValue(), fee.getString("currency")),
                instant(document.getDate("offerExpiresAt")), sessions);
    }

    private static List<Document> alternatives(List<Alternative> alternatives) {
        return alternatives.stream()
                .map(alternative -> new Document("start", date(alternative.start()))
                        .append("end", date(alternative.end()))
                        .append("therapistId", alternative.therapistId())
                        .append("therapistName", alternative.therapistName()))
                .toList();
    }

    private static List<Alternative> alternatives(Document document) {
        return list(document, "alternatives", alternative -> new Alternative(
                instant(alternative.getDate("start")), instant(alternative.getDate("end")),
                alternative.getString("therapistId"), alternative.getString("therapistName")));
    }

    private static Document customer(Customer customer) {
        return customer == null ? null : new Document("name", customer.name())
                .append("email", customer.email())
                .append("phone", customer.phone())
                .append("language", customer.language())
                .append("sms", customer.sms());
    }

    private static Customer customer(Document document) {
        return document == null ? null : new Customer(document.getString("name"), document.getString("email"),
                document.getString("phone"), document.getString("language"), document.getBoolean("sms"));
    }

    private static <T> List<T> list(Document document, String field, Function<Document, T> read) {
        return document.getList(field, Document.class, List.of()).stream().map(read).toList();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static ZoneId zone(String id) {
        return id == null ? null : ZoneId.of(id);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
