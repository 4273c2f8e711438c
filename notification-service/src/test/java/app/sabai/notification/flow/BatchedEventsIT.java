package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.notification.bookingevents.BookingEventApplier;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.support.testing.SabaiServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static app.sabai.notification.testing.TestBookings.BANGKOK;
import static app.sabai.notification.testing.TestBookings.cancelled;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll's events applied together: the decisions that open bookings in one bulk write, everything else on its own, and
 * each event once, whatever else the poll holds.
 */
@SabaiServiceTest
class BatchedEventsIT extends NotificationFlowSupport {

    private static final Instant START = Instant.now().plus(Duration.ofDays(3));

    @Autowired
    BookingEventApplier applier;
    @Autowired
    BookingNotificationsStore store;

    @Test
    void decisionsOpenTheirBookingsTogetherAndEveryOtherEventIsAppliedOnceInOrder() {
        BookingConfirmed first = confirmed(newBookingId(), START, emailCustomer(newEmail()));
        BookingConfirmed second = confirmed(newBookingId(), START, emailCustomer(newEmail()));
        BookingRejected turnedAway = rejected(newBookingId(), "liverpool", BANGKOK, START, emailCustomer(newEmail()), List.of());
        BookingConfirmed heardBefore = confirmed(newBookingId(), START, emailCustomer(newEmail()));
        BookingConfirmed thenCancelled = confirmed(newBookingId(), START, emailCustomer(newEmail()));
        applier.applyAll(List.of(heardBefore));
        awaitMail(heardBefore.customer().email(), "Booking confirmed");
        long versionBefore = store.find(heardBefore.bookingId()).orElseThrow().version();

        List<BookingEvent> poll = List.of(first, heardBefore, second, thenCancelled, turnedAway, cancelled(thenCancelled));
        applier.applyAll(poll);
        applier.applyAll(poll);

        for (BookingConfirmed confirmed : List.of(first, second)) {
            awaitMail(confirmed.customer().email(), "Booking confirmed");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(only(NotificationSent.class,
                    notificationsAbout(confirmed.bookingId()))).extracting(NotificationSent::kind).containsExactly(MessageKind.CONFIRMATION));
            assertThat(statusOf(confirmed.bookingId(), confirmed.bookingId() + ":confirmation").get("attempts").asInt()).isEqualTo(1);
        }
        awaitMail(turnedAway.customer().email(), "We could not book");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(only(NotificationSent.class,
                notificationsAbout(turnedAway.bookingId()))).extracting(NotificationSent::kind).containsExactly(MessageKind.REJECTION));
        awaitMail(thenCancelled.customer().email(), "Booking cancelled");
        assertThat(store.find(heardBefore.bookingId()).orElseThrow().version()).as("a decision heard before changes nothing")
                .isEqualTo(versionBefore);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                mailsTo(first.customer().email()).size() == 1 && mailsTo(second.customer().email()).size() == 1
                        && mailsTo(heardBefore.customer().email()).size() == 1 && mailsTo(turnedAway.customer().email()).size() == 1);
    }
}
