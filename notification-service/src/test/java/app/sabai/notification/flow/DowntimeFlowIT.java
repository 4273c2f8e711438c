package app.sabai.notification.flow;

import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.notification.dispatch.Dispatcher;
import app.sabai.support.testing.SabaiServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

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

/**
 * A reminder that falls due while the platform is down: the test stops the dispatcher, stands the service's
 * clock later (as it finds it when it comes back) and starts the dispatcher again.
 */
@SabaiServiceTest
class DowntimeFlowIT extends NotificationFlowSupport {

    @Autowired
    Dispatcher dispatcher;

    @Test
    void aReminderThatFellDueWhileThePlatformWasDownIsSentWhenItComesBackBeforeTheSession() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = start.minus(Duration.ofHours(2));

        dispatcher.stop();
        try {
            publish(confirmed(bookingId, start, emailCustomer(email)));
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/notifications?bookingId=" + bookingId).statusCode() == 200);
            // Down for an hour and a half: the reminder fell due half an hour ago; the session is in 90 minutes.
            clock.moveAhead(Duration.ofMinutes(90));
        } finally {
            dispatcher.start();
        }

        MimeMessage reminder = awaitMail(email, "Reminder:");
        assertThat(body(reminder)).contains("When: " + english(start, LONDON));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(statusOf(bookingId, bookingId + ":PT2H").get("status").asString()).isEqualTo("SENT"));
        JsonNode sent = statusOf(bookingId, bookingId + ":PT2H");
        assertThat(Instant.parse(sent.get("sentAt").asString())).isAfter(dueAt).isBefore(start);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "Reminder:").size() == 1);
    }

    @Test
    void aReminderThatFellDueWhileThePlatformWasDownIsMissedNotSentWhenTheSessionHasStarted() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofHours(2)).plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

        dispatcher.stop();
        try {
            publish(confirmed(bookingId, start, emailCustomer(email)));
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/notifications?bookingId=" + bookingId).statusCode() == 200);
            // Down until ten minutes after the session began.
            clock.standAt(start.plus(Duration.ofMinutes(10)));
        } finally {
            dispatcher.start();
        }

        awaitMail(email, "Booking confirmed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode reminder = statusOf(bookingId, bookingId + ":PT2H");
            assertThat(reminder.get("status").asString()).isEqualTo("MISSED");
            assertThat(reminder.get("error").asString()).isEqualTo("missed: the session had started when the reminder could be sent");
            assertThat(only(ReminderCancelled.class, notificationsAbout(bookingId))).singleElement()
                    .extracting(ReminderCancelled::reminderId).isEqualTo(bookingId + ":PT2H");
        });
        assertThat(status(bookingId).at("/reminders/0/status").asString()).isEqualTo("MISSED");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "Reminder:").isEmpty());
        assertThat(only(NotificationSent.class, notificationsAbout(bookingId)))
                .extracting(NotificationSent::kind).containsExactly(MessageKind.CONFIRMATION);
    }
}
