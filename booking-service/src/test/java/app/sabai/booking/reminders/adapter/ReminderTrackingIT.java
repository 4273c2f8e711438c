package app.sabai.booking.reminders.adapter;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.support.testing.SabaiServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

/** A batch of notification events in one write: each event applied once, in order, whatever else the batch holds. */
@SabaiServiceTest
class ReminderTrackingIT {

    @Autowired
    ReminderTracking tracking;
    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    @Test
    void aBatchAddsMovesAndDeliversRemindersEachEventOnceAsTheyWouldOneAtATime() {
        BookingApi api = new BookingApi(port);
        String branchId = TestBranches.freshId("tracking");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
        JsonNode booking = BookingApi.json(api.post(aBooking(branchId)));
        String bookingId = booking.get("id").asString();
        Instant start = Instant.parse(booking.get("start").asString());
        ReminderScheduled dayBefore = new ReminderScheduled(UUID.randomUUID(), Instant.now(), bookingId, branchId, "r-day", "P1D",
                Channel.EMAIL, start.minus(Duration.ofDays(1)));
        ReminderScheduled hoursBefore = new ReminderScheduled(UUID.randomUUID(), Instant.now(), bookingId, branchId, "r-hours", "PT2H",
                Channel.EMAIL, start.minus(Duration.ofHours(2)));
        ReminderScheduled dayBeforeMoved = new ReminderScheduled(UUID.randomUUID(), Instant.now(), bookingId, branchId, "r-day", "PT24H",
                Channel.EMAIL, start.minus(Duration.ofHours(25)));
        NotificationSent sent = new NotificationSent(UUID.randomUUID(), Instant.now(), bookingId, branchId, "n-1",
                MessageKind.REMINDER, "r-day", Channel.EMAIL, "somchai@example.com");

        tracking.apply(List.of(dayBefore, dayBefore, hoursBefore, dayBeforeMoved, sent, sent));
        tracking.apply(List.of(dayBefore, sent));

        JsonNode tracked = api.booking(bookingId);
        assertThat(tracked.get("reminders").size()).isEqualTo(2);
        JsonNode day = tracked.get("reminders").get(0);
        assertThat(day.get("leadTime").asString()).as("moved in place by a later event of the same batch").isEqualTo("PT24H");
        assertThat(Instant.parse(day.get("at").asString())).isEqualTo(start.minus(Duration.ofHours(25)));
        assertThat(day.get("status").asString()).isEqualTo("SENT");
        assertThat(tracked.get("reminders").get(1).get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(tracked.get("notifications").get("sent").asInt()).as("one send, however often it was heard").isEqualTo(1);
    }
}
