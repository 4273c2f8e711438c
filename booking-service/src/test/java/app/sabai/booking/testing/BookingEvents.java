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
