package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.support.testing.SabaiServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static app.sabai.notification.testing.TestBookings.BANGKOK;
import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newBranchId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.thaiCustomer;
import static app.sabai.notification.testing.TestBookings.therapistChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class TherapistChangeFlowIT extends NotificationFlowSupport {

    @Test
    void theCustomerIsToldOnceWhoTakesOverEvenWhenTheChangeArrivesTwiceAndTheRemindersStay() {
        String branchId = newBranchId();
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(3).atTime(10, 0).atZone(LONDON).toInstant();
        BookingConfirmed confirmed = confirmed(bookingId, branchId, LONDON, start, emailCustomer(email));
        publish(confirmed);
        awaitMail(email, "Booking confirmed");

        BookingTherapistChanged toMalee = therapistChanged(confirmed, "Malee");
        publish(toMalee);
        publish(toMalee);
        awaitEverythingPublishedFor(branchId);

        MimeMessage notice = awaitMail(email, "New therapist");
        assertThat(subject(notice)).isEqualTo("New therapist for your Thai massage at " + branchId + ", " + english(start, LONDON));
        assertThat(body(notice)).contains("Hello Ada Lovelace,", "Your therapist has changed: Malee will now give your session.",
                "When: " + english(start, LONDON), "Therapist: Malee (instead of Somchai)\n");
        assertThat(body(notice)).as("the reason staff gave is not for the customer").doesNotContain("sick leave");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "New therapist").size() == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotificationEvent> events = notificationsAbout(bookingId);
            assertThat(only(NotificationSent.class, events)).filteredOn(sent -> sent.kind() == MessageKind.CHANGE).singleElement()
                    .extracting(NotificationSent::notificationId).isEqualTo(bookingId + ":therapist_changed");
            assertThat(only(ReminderCancelled.class, events)).isEmpty();
            assertThat(only(ReminderScheduled.class, events)).extracting(ReminderScheduled::reminderId)
                    .containsExactlyInAnyOrder(bookingId + ":P1D", bookingId + ":PT2H");
        });
        JsonNode status = status(bookingId);
        assertThat(status.get("messages").valueStream().map(message -> message.get("id").asString()))
                .containsExactly(bookingId + ":confirmation", bookingId + ":P1D", bookingId + ":PT2H", bookingId + ":therapist_changed");
        assertThat(status.get("reminders").valueStream().map(reminder -> reminder.get("status").asString()))
                .containsExactly("SCHEDULED", "SCHEDULED");
    }

    @Test
    void aThaiCustomerIsToldInThai() {
        String branchId = newBranchId();
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(BANGKOK).plusDays(3).atTime(17, 0).atZone(BANGKOK).toInstant();
        BookingConfirmed confirmed = confirmed(bookingId, branchId, BANGKOK, start, thaiCustomer(email));
        publish(confirmed);
        awaitMail(email, "ยืนยันการจอง");

        BookingTherapistChanged toMalee = therapistChanged(confirmed, "Malee");
        publish(toMalee);
        publish(toMalee);
        awaitEverythingPublishedFor(branchId);

        MimeMessage notice = awaitMail(email, "เปลี่ยนนักบำบัด");
        assertThat(subject(notice)).isEqualTo("เปลี่ยนนักบำบัด: นวดแผนไทย ที่ " + branchId + " " + thai(start, BANGKOK));
        assertThat(body(notice)).contains("เรียน คุณสมหญิง", "นักบำบัดของคุณเปลี่ยนเป็น Malee",
                "วันและเวลา: " + thai(start, BANGKOK), "นักบำบัด: Malee (แทน Somchai)\n");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "เปลี่ยนนักบำบัด").size() == 1);
        assertThat(mailsTo(email)).as("the confirmation and one change notice").hasSize(2);
    }

    @Test
    void aBookingNeverHeardOfBeforeIsToldFromTheEventAloneAndGetsItsReminders() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(3).atTime(15, 30).atZone(LONDON).toInstant();
        BookingConfirmed neverSeenHere = confirmed(bookingId, start, emailCustomer(email));

        publish(therapistChanged(neverSeenHere, "Malee"));

        MimeMessage notice = awaitMail(email, "New therapist");
        assertThat(body(notice)).contains("When: " + english(start, LONDON), "Treatment: Thai massage, 60 minutes",
                "Therapist: Malee (instead of Somchai)\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(only(ReminderScheduled.class, notificationsAbout(bookingId))).extracting(ReminderScheduled::dueAt)
                        .containsExactlyInAnyOrder(start.atZone(LONDON).minusDays(1).toInstant(), start.minus(Duration.ofHours(2))));
        assertThat(mailsTo(email)).as("no confirmation: only the change").hasSize(1);
    }

    @Test
    void aReminderSentAfterTheChangeNamesTheNewTherapist() {
        String bookingId = newBookingId();
        String email = newEmail();
        // The two-hour reminder falls due 20 s from now: time enough for both events to be applied first.
        Instant start = Instant.now().plus(Duration.ofHours(2)).plusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        BookingConfirmed confirmed = confirmed(bookingId, start, emailCustomer(email));
        publish(confirmed);
        publish(therapistChanged(confirmed, "Malee"));
        awaitMail(email, "New therapist");

        MimeMessage reminder = await().atMost(Duration.ofSeconds(60))
                .until(() -> mailsTo(email, "Reminder:"), mails -> !mails.isEmpty()).getFirst();

        assertThat(body(reminder)).contains("When: " + english(start, LONDON), "Therapist: Malee\n").doesNotContain("Somchai");
    }
}
