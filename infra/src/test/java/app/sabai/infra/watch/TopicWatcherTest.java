package app.sabai.infra.watch;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TopicWatcherTest {

    @Test
    void printsWhereARecordIsItsCloudEventsHeadersAndItsValue() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("sabai.bookings", 2, 41, "liverpool", "{\"bookingId\":\"b-1\"}");
        record.headers().add("ce_type", "sabai.bookings.BookingConfirmed.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));

        String printed = TopicWatcher.format(record);

        assertThat(printed)
                .startsWith("sabai.bookings[2]@41 key=liverpool")
                .contains("ce_type=sabai.bookings.BookingConfirmed.v1", "ce_id=e-1", "traceparent=00-abc-def-01")
                .doesNotContain("content-type")
                .endsWith("  {\"bookingId\":\"b-1\"}");
    }
}
