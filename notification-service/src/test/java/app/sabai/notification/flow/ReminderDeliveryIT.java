package app.sabai.notification.flow;

import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.notification.booking.DeliveryPolicy;
import app.sabai.notification.booking.ReminderPlanner;
import app.sabai.notification.dispatch.Dispatcher;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.SabaiServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class ReminderDeliveryIT extends NotificationFlowSupport {

    private static final int RACERS = 6;

    @Autowired
    Dispatcher dispatcher;
    @Autowired
    BookingNotificationsStore store;
    @Autowired
    ReminderPlanner planner;
    @Autowired
    DeliveryPolicy policy;
    @Autowired
    MeterRegistry meters;

    @Test
    void aReminderIsSentOnceWhenItBecomesDue() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofHours(2)).plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = start.minus(Duration.ofHours(2));
        long remindersMeasured = remindersMeasured();

        publish(confirmed(bookingId, start, emailCustomer(email)));

        awaitMail(email, "Reminder:");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "Reminder:").size() == 1);
        assertThat(body(mailsTo(email, "Reminder:").getFirst())).contains("When: " + english(start, LONDON), "Therapist: Somchai");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(only(NotificationSent.class, notificationsAbout(bookingId)))
                        .filteredOn(sent -> sent.kind() == MessageKind.REMINDER).singleElement()
                        .extracting(NotificationSent::reminderId).isEqualTo(bookingId + ":PT2H"));
        JsonNode status = status(bookingId);
        assertThat(status.at("/reminders/0/status").asString()).isEqualTo("SENT");
        JsonNode reminderMessage = status.at("/messages/1");
        assertThat(reminderMessage.get("kind").asString()).isEqualTo("REMINDER");
        assertThat(reminderMessage.get("status").asString()).isEqualTo("SENT");
        assertThat(Instant.parse(reminderMessage.get("sentAt").asString())).as("not sent before it was due").isAfterOrEqualTo(dueAt);

        assertThat(remindersMeasured()).isGreaterThan(remindersMeasured);
        HttpResponse<String> scrape = get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("sabai_reminders_lag_seconds_bucket{application=\"notification-service\",channel=\"email\",le=",
                "sabai_reminders_lag_seconds_count{application=\"notification-service\",channel=\"email\"}");
    }

    @Test
    void dispatchersRacingForTheSameDueReminderSendItOnce() throws Exception {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofHours(2)).plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = start.minus(Duration.ofHours(2));
        publish(confirmed(bookingId, start, emailCustomer(email)));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/notifications?bookingId=" + bookingId).statusCode() == 200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> !Instant.now().isBefore(dueAt));
        int handedByRacers = Race.atOnce(RACERS, () -> dispatcher.dispatch(bookingId)).stream().mapToInt(Integer::intValue).sum();

        assertThat(handedByRacers).as("messages handed to a channel by the racing dispatchers").isLessThanOrEqualTo(1);
        awaitMail(email, "Reminder:");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "Reminder:").size() == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(only(NotificationSent.class, notificationsAbout(bookingId)))
                        .filteredOn(sent -> sent.kind() == MessageKind.REMINDER).hasSize(1));
    }

    private long remindersMeasured() {
        Timer lag = meters.find("sabai.reminders.lag").tag("channel", "email").timer();
        return lag == null ? 0 : lag.count();
    }
}
