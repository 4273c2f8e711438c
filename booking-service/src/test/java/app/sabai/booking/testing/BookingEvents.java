package app.sabai.booking.testing;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.support.testing.TestRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads what the service published on {@code sabai.bookings}, as another service would. */
public final class BookingEvents {

    private BookingEvents() {
    }

    public static ConsumerRecord<String, byte[]> awaitRecord(Class<? extends BookingEvent> type, String bookingId) {
        return find(type, bookingId, Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " for booking " + bookingId + " on sabai.bookings"));
    }

    public static <E extends BookingEvent> E await(Class<E> type, String bookingId) {
        return SabaiJson.mapper().readValue(awaitRecord(type, bookingId).value(), type);
    }

    /** The first event of that type the predicate accepts, waiting up to 30 seconds. */
    public static <E extends BookingEvent> E awaitWhere(Class<E> type, Predicate<E> wanted) {
        return TestRecords.find(Topic.BOOKINGS.topicName(), record -> EventTypes.typeOf(type).equals(TestRecords.header(record, "ce_type"))
                        && wanted.test(SabaiJson.mapper().readValue(record.value(), type)), Duration.ofSeconds(30))
                .map(record -> SabaiJson.mapper().readValue(record.value(), type))
                .orElseThrow(() -> new AssertionError("No such " + type.getSimpleName() + " on sabai.bookings"));
    }

    /** Every event of that type the predicate accepts, reading the topic for the given time. */
    public static <E extends BookingEvent> List<E> allWhere(Class<E> type, Predicate<E> wanted, Duration readFor) {
        return TestRecords.all(Topic.BOOKINGS.topicName(), record -> EventTypes.typeOf(type).equals(TestRecords.header(record, "ce_type"))
                        && wanted.test(SabaiJson.mapper().readValue(record.value(), type)), readFor).stream()
                .map(record -> SabaiJson.mapper().readValue(record.value(), type))
                .toList();
    }

    /** Every record of that type for the booking, reading the topic for the given time. */
    public static List<ConsumerRecord<String, byte[]>> all(Class<? extends BookingEvent> type, String bookingId, Duration readFor) {
        return TestRecords.all(Topic.BOOKINGS.topicName(), record -> matches(record, type, bookingId), readFor);
    }

    private static Optional<ConsumerRecord<String, byte[]>> find(Class<? extends BookingEvent> type, String bookingId, Duration timeout) {
        return TestRecords.find(Topic.BOOKINGS.topicName(), record -> matches(record, type, bookingId), timeout);
    }

    private static boolean matches(ConsumerRecord<String, byte[]> record, Class<? extends BookingEvent> type, String bookingId) {
        return EventTypes.typeOf(type).equals(TestRecords.header(record, "ce_type"))
                && bookingId.equals(TestRecords.header(record, "ce_subject"));
    }
}
