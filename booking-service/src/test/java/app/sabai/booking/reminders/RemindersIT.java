package app.sabai.booking.reminders;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.Topic;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationFailed;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class RemindersIT {

    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;
    String bookingId;
    Instant start;

    @BeforeEach
    void aRequestedBooking() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("reminders");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
        JsonNode booking = BookingApi.json(api.post(aBooking(branchId)));
        bookingId = booking.get("id").asString();
        start = Instant.parse(booking.get("start").asString());
    }

    @Test
    void scheduledRemindersAppearOnTheBookingSoonestFirst() {
        publish(scheduled("r-day", "P1D", Duration.ofDays(1)));
        publish(scheduled("r-hours", "PT2H", Duration.ofHours(2)));

        JsonNode booking = awaitBooking(b -> b.get("reminders").size() == 2);

        JsonNode dayBefore = booking.get("reminders").get(0);
        assertThat(dayBefore.get("leadTime").asString()).isEqualTo("P1D");
        assertThat(Instant.parse(dayBefore.get("at").asString())).isEqualTo(start.minus(Duration.ofDays(1)));
        assertThat(dayBefore.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(dayBefore.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(booking.get("reminders").get(1).get("leadTime").asString()).isEqualTo("PT2H");
    }

    @Test
    void remindersFollowWhatNotificationServiceDidAndEachEventCountsOnce() {
        ReminderScheduled dayBefore = scheduled("r-day", "P1D", Duration.ofDays(1));
        ReminderScheduled hoursBefore = scheduled("r-hours", "PT2H", Duration.ofHours(2));
        NotificationSent sent = new NotificationSent(UUID.randomUUID(), Instant.now(), bookingId, branchId, "n-1",
                MessageKind.REMINDER, "r-day", Channel.EMAIL, "somchai@example.com");
        publish(dayBefore);
        publish(dayBefore);
        publish(hoursBefore);
        publish(sent);
        publish(sent);
        publish(new NotificationFailed(UUID.randomUUID(), Instant.now(), bookingId, branchId, "n-2", MessageKind.CONFIRMATION, null,
                Channel.SMS, "number unreachable"));
        publish(new ReminderCancelled(UUID.randomUUID(), Instant.now(), bookingId, branchId, "r-hours", "booking cancelled"));

        JsonNode booking = awaitBooking(b -> b.get("reminders").size() == 2
                && "CANCELLED".equals(b.get("reminders").get(1).get("status").asString()));

        assertThat(booking.get("reminders").get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(booking.get("notifications").get("sent").asInt()).isEqualTo(1);
        assertThat(booking.get("notifications").get("failed").asInt()).isEqualTo(1);
        assertThat(booking.get("notifications").get("last").get("outcome").asString()).isEqualTo("FAILED");
        assertThat(booking.get("notifications").get("last").get("detail").asString()).isEqualTo("number unreachable");
    }

    @Test
    void aRescheduledReminderMovesInPlace() {
        publish(scheduled("r-day", "P1D", Duration.ofDays(1)));
        awaitBooking(b -> b.get("reminders").size() == 1);

        publish(scheduled("r-day", "PT24H", Duration.ofHours(25)));

        JsonNode booking = awaitBooking(b -> "PT24H".equals(b.get("reminders").get(0).get("leadTime").asString()));
        assertThat(booking.get("reminders").size()).isEqualTo(1);
        assertThat(Instant.parse(booking.get("reminders").get(0).get("at").asString())).isEqualTo(start.minus(Duration.ofHours(25)));
    }

    private ReminderScheduled scheduled(String reminderId, String leadTime, Duration before) {
        return new ReminderScheduled(UUID.randomUUID(), Instant.now(), bookingId, branchId, reminderId, leadTime, Channel.EMAIL,
                start.minus(before));
    }

    private static void publish(NotificationEvent event) {
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), event);
    }

    private JsonNode awaitBooking(Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.booking(bookingId), condition);
    }
}
