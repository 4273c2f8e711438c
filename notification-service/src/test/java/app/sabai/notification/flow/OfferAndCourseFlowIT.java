package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.notification.channel.sms.LoggingSmsGateway;
import app.sabai.support.testing.SabaiServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.accepted;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.bookedSession;
import static app.sabai.notification.testing.TestBookings.courseDecided;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newBranchId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.newPhone;
import static app.sabai.notification.testing.TestBookings.offered;
import static app.sabai.notification.testing.TestBookings.smsOptedCustomer;
import static app.sabai.notification.testing.TestBookings.unbookedSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class OfferAndCourseFlowIT extends NotificationFlowSupport {

    @Autowired
    LoggingSmsGateway sms;

    @Test
    void aWaitlistOfferTellsTheSlotAndUntilWhenItIsHeldAndOnceTakenIsNotOfferedAgain() {
        String bookingId = newBookingId();
        String branchId = newBranchId();
        String email = newEmail();
        Instant start = daysAhead(LONDON, 3, LocalTime.of(10, 0));
        Instant expiresAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        BookingOffered offer = offered(bookingId, branchId, LONDON, start, expiresAt, emailCustomer(email));

        publish(offer);

        MimeMessage mail = awaitMail(email, "A place has come free");
        assertThat(subject(mail)).isEqualTo("A place has come free: Thai massage at " + branchId + ", " + english(start, LONDON));
        assertThat(body(mail)).contains("When: " + english(start, LONDON), "Therapist: Somchai",
                "Held for you until: " + english(expiresAt, LONDON), "choose Accept before then");

        publish(accepted(offer));
        awaitMail(email, "Booking confirmed");
        publish(offered(bookingId, branchId, LONDON, start, expiresAt.plus(Duration.ofHours(1)), emailCustomer(email)));
        awaitEverythingPublishedFor(branchId);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "A place has come free").size() == 1);
        assertThat(only(NotificationSent.class, notificationsAbout(bookingId))).extracting(NotificationSent::kind)
                .containsExactlyInAnyOrder(MessageKind.OFFER, MessageKind.CONFIRMATION);
    }

    @Test
    void anOfferTakenWhileItsSmsWaitsForTheMorningSendsNoOfferSms() {
        String bookingId = newBookingId();
        String branchId = newBranchId();
        String email = newEmail();
        String phone = newPhone();
        ZoneId zone = zoneWhereItIsNow(23);
        Instant start = daysAhead(zone, 3, LocalTime.of(15, 0));
        Instant eightNextMorning = daysAhead(zone, 1, LocalTime.of(8, 0));
        BookingOffered offer = offered(bookingId, branchId, zone, start, eightNextMorning.plus(Duration.ofHours(4)),
                smsOptedCustomer(email, phone));

        publish(offer);
        awaitMail(email, "A place has come free");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "PENDING".equals(statusOf(bookingId, bookingId + ":offer:sms").get("status").asString()));

        publish(accepted(offer));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode offerSms = statusOf(bookingId, bookingId + ":offer:sms");
            assertThat(offerSms.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(offerSms.get("error").asString()).isEqualTo("offer accepted");
        });
        clock.standAt(eightNextMorning.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> sms.sent().stream().anyMatch(text -> text.phoneNumber().equals(phone)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sms.sent()).filteredOn(text -> text.phoneNumber().equals(phone))
                        .extracting(text -> text.reference()).containsExactly(bookingId + ":confirmation:sms"));
    }

    @Test
    void aCourseSummarySaysForEachSessionWhetherItIsBookedAndWhyNotWithTheAlternatives() {
        String courseId = "course-" + newBookingId();
        String email = newEmail();
        Instant first = daysAhead(LONDON, 3, LocalTime.of(10, 0));
        Instant second = daysAhead(LONDON, 6, LocalTime.of(10, 0));
        Instant instead = daysAhead(LONDON, 6, LocalTime.of(14, 30));
        CourseDecided.Session booked = bookedSession(first, "Somchai");
        CourseDecided.Session notBooked = unbookedSession(second, RejectionReason.NO_THERAPIST_AVAILABLE, alternative(instead, "Malee"));

        publish(courseDecided(courseId, "liverpool", LONDON, emailCustomer(email), booked, notBooked));

        MimeMessage summary = awaitMail(email, "Your course of");
        assertThat(subject(summary)).isEqualTo("Your course of Thai massage at liverpool: 1 of 2 sessions booked");
        assertThat(body(summary)).contains(
                "1. " + english(first, LONDON) + ": booked, with Somchai\n"
                        + "2. " + english(second, LONDON) + ": not booked. All our qualified therapists are booked at that time.\n"
                        + "   These times are free instead:\n"
                        + "   - " + english(instead, LONDON) + " with Malee\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(history(courseId).at("/messages/0/kind").asString()).isEqualTo("COURSE_SUMMARY"));
    }
}
