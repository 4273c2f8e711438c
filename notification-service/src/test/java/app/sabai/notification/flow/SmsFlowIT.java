package app.sabai.notification.flow;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.notification.channel.sms.LoggingSmsGateway;
import app.sabai.notification.channel.sms.SmsGateway.TextMessage;
import app.sabai.support.testing.SabaiServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newBranchId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.newPhone;
import static app.sabai.notification.testing.TestBookings.smsOptedCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A customer who chose SMS gets every message by email and by SMS, the SMS keeping to the branch's quiet
 * hours (21:00–08:00). Each test puts its branch in a zone where it is day, or night, right now.
 */
@SabaiServiceTest
class SmsFlowIT extends NotificationFlowSupport {

    @Autowired
    LoggingSmsGateway sms;

    @Test
    void outsideQuietHoursTheConfirmationGoesByEmailAndBySmsAtOnceAndTheRemindersAreScheduledOnBoth() {
        String bookingId = newBookingId();
        String branchId = newBranchId();
        String email = newEmail();
        String phone = newPhone();
        ZoneId zone = zoneWhereItIsNow(12);
        Instant start = daysAhead(zone, 3, LocalTime.of(15, 0));

        publish(confirmed(bookingId, branchId, zone, start, smsOptedCustomer(email, phone)));

        awaitMail(email, "Booking confirmed");
        TextMessage text = await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(phone), texts -> !texts.isEmpty()).getFirst();
        assertThat(text.text()).isEqualTo("Sabai: booking confirmed – Thai massage, 60 min, at " + branchId + ", " + english(start, zone)
                + ", with Somchai.");
        assertThat(text.reference()).isEqualTo(bookingId + ":confirmation:sms");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotificationEvent> events = notificationsAbout(bookingId);
            assertThat(only(NotificationSent.class, events)).extracting(NotificationSent::kind, NotificationSent::channel, NotificationSent::recipient)
                    .containsExactlyInAnyOrder(tuple(MessageKind.CONFIRMATION, Channel.EMAIL, email),
                            tuple(MessageKind.CONFIRMATION, Channel.SMS, phone));
            assertThat(only(ReminderScheduled.class, events)).extracting(ReminderScheduled::reminderId, ReminderScheduled::channel)
                    .containsExactlyInAnyOrder(tuple(bookingId + ":P1D", Channel.EMAIL), tuple(bookingId + ":P1D:sms", Channel.SMS),
                            tuple(bookingId + ":PT2H", Channel.EMAIL), tuple(bookingId + ":PT2H:sms", Channel.SMS));
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> textsTo(phone).size() == 1);
    }

    @Test
    void inQuietHoursTheSmsWaitsUntilEightInTheBranchZoneWhileTheEmailGoesAtOnce() {
        String bookingId = newBookingId();
        String branchId = newBranchId();
        String email = newEmail();
        String phone = newPhone();
        ZoneId zone = zoneWhereItIsNow(23);
        Instant start = daysAhead(zone, 3, LocalTime.of(15, 0));
        Instant eightNextMorning = daysAhead(zone, 1, LocalTime.of(8, 0));

        publish(confirmed(bookingId, branchId, zone, start, smsOptedCustomer(email, phone)));

        awaitMail(email, "Booking confirmed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode deferred = statusOf(bookingId, bookingId + ":confirmation:sms");
            assertThat(deferred.get("status").asString()).isEqualTo("PENDING");
            assertThat(Instant.parse(deferred.get("dueAt").asString())).isEqualTo(eightNextMorning);
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> textsTo(phone).isEmpty());

        clock.standAt(eightNextMorning.plusSeconds(1));

        TextMessage text = await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(phone), texts -> !texts.isEmpty()).getFirst();
        assertThat(text.text()).startsWith("Sabai: booking confirmed – Thai massage");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode sent = statusOf(bookingId, bookingId + ":confirmation:sms");
            assertThat(sent.get("status").asString()).isEqualTo("SENT");
            assertThat(Instant.parse(sent.get("sentAt").asString())).isAfterOrEqualTo(eightNextMorning);
        });
        assertThat(mailsTo(email, "Booking confirmed")).as("the email was not held back, nor sent again").hasSize(1);
    }

    private List<TextMessage> textsTo(String phone) {
        return sms.sent().stream().filter(text -> text.phoneNumber().equals(phone)).toList();
    }
}
