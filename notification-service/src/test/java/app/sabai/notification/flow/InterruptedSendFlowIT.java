package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.NotificationFailed;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.notification.booking.Change;
import app.sabai.notification.booking.DeliveryPolicy;
import app.sabai.notification.booking.ReminderPlanner;
import app.sabai.notification.channel.DeliveryChannels;
import app.sabai.notification.channel.OutgoingMessage;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.notification.store.StoredBookingNotifications;
import app.sabai.support.testing.SabaiServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A send interrupted by a crash: the message was claimed (and perhaps handed to the mail server), then
 * nothing was recorded. After the claim's lease it is sent again under the same id, so the email carries the
 * same Message-ID.
 */
@SabaiServiceTest
class InterruptedSendFlowIT extends NotificationFlowSupport {

    @Autowired
    BookingNotificationsStore store;
    @Autowired
    ReminderPlanner planner;
    @Autowired
    DeliveryPolicy policy;
    @Autowired
    DeliveryChannels channels;

    @Test
    void thatNeverReachedTheMailServerIsSentOnceAfterItsLeaseUnderTheSameMessageId() {
        String bookingId = newBookingId();
        String email = newEmail();

        dieAfterClaimingTheConfirmation(bookingId, email);

        MimeMessage mail = awaitMail(email, "Booking confirmed");
        assertThat(messageId(mail)).isEqualTo(messageIdOfTheConfirmation(bookingId));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
        JsonNode confirmation = statusOf(bookingId, bookingId + ":confirmation");
        assertThat(confirmation.get("status").asString()).isEqualTo("SENT");
        assertThat(confirmation.get("attempts").asInt()).as("the interrupted attempt and the one that went").isEqualTo(2);
        assertThat(only(NotificationSent.class, notificationsAbout(bookingId))).singleElement()
                .extracting(NotificationSent::notificationId).isEqualTo(bookingId + ":confirmation");
        assertThat(only(NotificationFailed.class, notificationsAbout(bookingId))).isEmpty();
    }

    @Test
    void thatReachedTheMailServerBeforeTheCrashIsDeliveredAgainWithTheSameMessageIdSoTheMailboxShowsItOnce() {
        String bookingId = newBookingId();
        String email = newEmail();
        // The first attempt got as far as the mail server, then the process died before recording it.
        channels.get(Channel.EMAIL).deliver(new OutgoingMessage(bookingId + ":confirmation", email,
                "Booking confirmed: Thai massage at liverpool", "first attempt"));

        dieAfterClaimingTheConfirmation(bookingId, email);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 2);
        assertThat(messageIds(mailsTo(email))).as("what a reader de-duplicating by Message-ID shows")
                .containsExactly(messageIdOfTheConfirmation(bookingId));
        assertThat(statusOf(bookingId, bookingId + ":confirmation").get("status").asString()).isEqualTo("SENT");
        assertThat(only(NotificationSent.class, notificationsAbout(bookingId))).hasSize(1);
    }

    /** As a dispatcher leaves it when it dies right after claiming the confirmation ten minutes ago (the lease is five). */
    private void dieAfterClaimingTheConfirmation(String bookingId, String email) {
        BookingConfirmed confirmed = confirmed(bookingId, Instant.now().plus(Duration.ofDays(3)), emailCustomer(email));
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        StoredBookingNotifications fresh = store.findOrCreate(bookingId);
        Change confirm = fresh.state().confirmed(confirmed, tenMinutesAgo, planner);
        Change claimed = confirm.state().claim(bookingId + ":confirmation", tenMinutesAgo, policy);
        assertThat(store.write(fresh, new Change(claimed.state(), confirm.events(), true), confirmed.eventId())).isTrue();
    }

    private static String messageIdOfTheConfirmation(String bookingId) {
        // A booking id of letters, digits and dashes is kept as it is; the colon is written %3A.
        return "<" + bookingId + "%3Aconfirmation@notifications.sabai.app>";
    }
}
