package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.notifications.NotificationEvent;
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
import static app.sabai.notification.testing.TestBookings.baht;
import static app.sabai.notification.testing.TestBookings.cancelledLate;
import static app.sabai.notification.testing.TestBookings.newBranchId;
import static app.sabai.notification.testing.TestBookings.pounds;
import static app.sabai.notification.testing.TestBookings.rescheduledLate;
import static app.sabai.notification.testing.TestBookings.thaiCustomer;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.cancelled;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.needsAttention;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.rescheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class CancellationAndChangeFlowIT extends NotificationFlowSupport {

    @Test
    void aBookingCancelledBeforeItsReminderIsDueGetsACancellationAndNoReminder() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofHours(2)).plusSeconds(12).truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = start.minus(Duration.ofHours(2));
        BookingConfirmed confirmed = confirmed(bookingId, start, emailCustomer(email));
        publish(confirmed);
        awaitMail(email, "Booking confirmed");

        publish(cancelled(confirmed));

        MimeMessage cancellation = awaitMail(email, "Booking cancelled");
        assertThat(body(cancellation)).contains("is cancelled, and no reminders will follow");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(only(ReminderCancelled.class, notificationsAbout(bookingId))).singleElement().satisfies(reminder -> {
                    assertThat(reminder.reminderId()).isEqualTo(bookingId + ":PT2H");
                    assertThat(reminder.occurredAt()).as("cancelled before it was due").isBefore(dueAt);
                }));
        assertThat(status(bookingId).at("/reminders/0/status").asString()).isEqualTo("CANCELLED");
        Duration untilWellPastDue = Duration.between(Instant.now(), dueAt).plusSeconds(3);
        await().during(untilWellPastDue).atMost(untilWellPastDue.plusSeconds(10))
                .until(() -> mailsTo(email, "Reminder:").isEmpty());
    }

    @Test
    void aRescheduledBookingHasItsRemindersMovedAndGetsAChangeNotice() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(3).atTime(10, 0).atZone(LONDON).toInstant();
        Instant newStart = LocalDate.now(LONDON).plusDays(4).atTime(15, 30).atZone(LONDON).toInstant();
        BookingConfirmed confirmed = confirmed(bookingId, start, emailCustomer(email));
        publish(confirmed);
        awaitMail(email, "Booking confirmed");

        publish(rescheduled(confirmed, newStart));

        MimeMessage notice = awaitMail(email, "Booking moved");
        assertThat(body(notice)).contains("Was: " + english(start, LONDON), "Now: " + english(newStart, LONDON));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotificationEvent> events = notificationsAbout(bookingId);
            assertThat(only(ReminderCancelled.class, events)).extracting(ReminderCancelled::reminderId, ReminderCancelled::reason)
                    .containsExactlyInAnyOrder(tuple(bookingId + ":P1D", "booking rescheduled"),
                            tuple(bookingId + ":PT2H", "booking rescheduled"));
            assertThat(only(ReminderScheduled.class, events)).extracting(ReminderScheduled::reminderId, ReminderScheduled::dueAt)
                    .contains(tuple(bookingId + ":P1D#2", newStart.atZone(LONDON).minusDays(1).toInstant()),
                            tuple(bookingId + ":PT2H#2", newStart.minus(Duration.ofHours(2))));
        });
        JsonNode reminders = status(bookingId).get("reminders");
        assertThat(reminders.valueStream().map(reminder -> reminder.get("status").asString()))
                .containsExactly("CANCELLED", "CANCELLED", "SCHEDULED", "SCHEDULED");
    }

    @Test
    void aBookingThatLostItsTherapistOffersTheCustomerTheAlternatives() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(3).atTime(10, 0).atZone(LONDON).toInstant();
        BookingConfirmed confirmed = confirmed(bookingId, start, emailCustomer(email));
        Instant later = start.plus(Duration.ofHours(3));
        publish(confirmed);
        awaitMail(email, "Booking confirmed");

        publish(needsAttention(confirmed, List.of(alternative(later, "Malee"))));

        MimeMessage offer = awaitMail(email, "Your booking at liverpool needs a new time or therapist");
        assertThat(body(offer)).contains("on " + english(start, LONDON),
                "These times are free instead:\n- " + english(later, LONDON) + " with Malee");
    }

    @Test
    void aLateCancellationTellsTheFeeInEnglish() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(1).atTime(18, 0).atZone(LONDON).toInstant();
        BookingConfirmed confirmed = confirmed(bookingId, start, emailCustomer(email));
        publish(confirmed);
        awaitMail(email, "Booking confirmed");

        publish(cancelledLate(confirmed, pounds(1250)));

        MimeMessage cancellation = awaitMail(email, "Booking cancelled");
        assertThat(subject(cancellation)).isEqualTo("Booking cancelled: Thai massage at liverpool, " + english(start, LONDON));
        assertThat(body(cancellation)).contains(
                "Your Thai massage at liverpool on " + english(start, LONDON) + " is cancelled, and no reminders will follow.\n\n"
                        + "As the cancellation came late, a late cancellation fee of £12.50 applies.\n\n"
                        + "We hope to see you another time.");
    }

    @Test
    void aLateCancellationTellsTheFeeInThaiInBaht() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(BANGKOK).plusDays(1).atTime(18, 0).atZone(BANGKOK).toInstant();
        BookingConfirmed confirmed = confirmed(bookingId, "bangkok-sukhumvit", BANGKOK, start, thaiCustomer(email));
        publish(confirmed);
        awaitMail(email, "ยืนยันการจอง");

        publish(cancelledLate(confirmed, baht(45000)));

        MimeMessage cancellation = awaitMail(email, "ยกเลิกการจอง");
        assertThat(body(cancellation)).contains(
                "การจอง นวดแผนไทย ที่ bangkok-sukhumvit เวลา " + thai(start, BANGKOK) + " ถูกยกเลิกแล้ว",
                "เนื่องจากเป็นการยกเลิกล่าช้า มีค่าธรรมเนียมการยกเลิก 450 บาท");
    }

    @Test
    void aLateMoveMovesTheRemindersAndTellsTheCustomerOnceWithTheFee() {
        String branchId = newBranchId();
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(3).atTime(10, 0).atZone(LONDON).toInstant();
        Instant newStart = LocalDate.now(LONDON).plusDays(5).atTime(16, 0).atZone(LONDON).toInstant();
        BookingConfirmed confirmed = confirmed(bookingId, branchId, LONDON, start, emailCustomer(email));
        publish(confirmed);
        awaitMail(email, "Booking confirmed");

        BookingRescheduled moved = rescheduledLate(confirmed, newStart, pounds(1250));
        publish(moved);
        publish(moved);
        awaitEverythingPublishedFor(branchId);

        MimeMessage notice = awaitMail(email, "Booking moved");
        assertThat(body(notice)).contains("Was: " + english(start, LONDON), "Now: " + english(newStart, LONDON),
                "As the change came late, a late change fee of £12.50 applies.");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "Booking moved").size() == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotificationEvent> events = notificationsAbout(bookingId);
            assertThat(only(ReminderCancelled.class, events)).extracting(ReminderCancelled::reminderId)
                    .containsExactlyInAnyOrder(bookingId + ":P1D", bookingId + ":PT2H");
            assertThat(only(ReminderScheduled.class, events)).extracting(ReminderScheduled::reminderId, ReminderScheduled::dueAt)
                    .containsExactlyInAnyOrder(
                            tuple(bookingId + ":P1D", start.atZone(LONDON).minusDays(1).toInstant()),
                            tuple(bookingId + ":PT2H", start.minus(Duration.ofHours(2))),
                            tuple(bookingId + ":P1D#2", newStart.atZone(LONDON).minusDays(1).toInstant()),
                            tuple(bookingId + ":PT2H#2", newStart.minus(Duration.ofHours(2))));
        });
    }
}
