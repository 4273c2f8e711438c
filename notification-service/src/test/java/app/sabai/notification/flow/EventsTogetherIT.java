package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.notification.booking.MessageStatus;
import app.sabai.notification.bookingevents.BookingEventApplier;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.notification.store.StoredBookingNotifications;
import app.sabai.notification.testing.HeldDeliveries;
import app.sabai.notification.testing.StoreOutages;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.StoreCounters;
import app.sabai.support.testing.Untraced;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import static app.sabai.notification.testing.TestBookings.accepted;
import static app.sabai.notification.testing.TestBookings.cancelled;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newBranchId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.offered;
import static app.sabai.notification.testing.TestBookings.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll's booking events applied as a row ({@link BookingEventApplier#apply(List)}), on the real store and SMTP
 * server: the bookings' first writes go together, the messages they claim are sent and recorded together, and
 * whatever cannot be written so (a redelivery, a booking's second event, a document already there) is applied alone,
 * once, in the events' order.
 */
@SabaiServiceTest
class EventsTogetherIT extends NotificationFlowSupport {

    @Autowired
    BookingEventApplier applier;
    @Autowired
    BookingNotificationsStore store;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    HeldDeliveries deliveries;
    @Autowired
    StoreOutages outages;

    @Test
    void aRowsFirstDecisionsAreWrittenTogetherAndEachCustomerIsToldOnceInTheEventsOrder() {
        String branchId = newBranchId();
        Instant start = Instant.now().plus(Duration.ofDays(4));
        List<BookingConfirmed> confirmations = confirmations(branchId, start, 12);
        String refusedEmail = newEmail();
        BookingEvent refused = rejected(newBookingId(), branchId, ZoneId.of("UTC"), start, emailCustomer(refusedEmail), List.of());
        List<BookingEvent> row = new ArrayList<>(confirmations);
        row.add(2, refused);
        // A redelivery of the first, and the second cancelled after its confirmation: each applied alone, after the row.
        BookingConfirmed thenCancelled = confirmations.get(1);
        row.add(confirmations.getFirst());
        row.add(cancelled(thenCancelled));
        long updatesBefore = StoreCounters.commands(mongo, "update");

        applier.apply(Untraced.<BookingEvent>each(row));

        assertEachToldOnce(confirmations);
        awaitMail(refusedEmail, "We could not book");
        awaitMail(thenCancelled.customer().email(), "Booking cancelled");
        assertThat(stored(refused.bookingId()).appliedEventIds()).containsExactly(refused.eventId().toString());
        assertThat(stored(thenCancelled.bookingId()).appliedEventIds()).as("confirmed, then cancelled")
                .containsExactly(thenCancelled.eventId().toString(), row.getLast().eventId().toString());
        // The store's count includes the relay's, which is the same either way: 9 here with the row, 32 with each event
        // applied alone (each confirmation written, then its sending recorded, on its own).
        assertThat(StoreCounters.commands(mongo, "update") - updatesBefore).as("update commands for the row and its sending").isLessThanOrEqualTo(18);
    }

    @Test
    void aFirstWriteThatFindsItsBookingsDocumentIsAppliedAloneOnWhatItFinds() {
        String branchId = newBranchId();
        Instant start = Instant.now().plus(Duration.ofDays(5));
        String offeredEmail = newEmail();
        String bookingId = newBookingId();
        BookingOffered offer = offered(bookingId, branchId, ZoneId.of("UTC"), start, Instant.now().plus(Duration.ofHours(2)), emailCustomer(offeredEmail));
        applier.apply(offer);
        awaitMail(offeredEmail, "");
        String otherEmail = newEmail();
        BookingConfirmed other = confirmed(newBookingId(), branchId, ZoneId.of("UTC"), start, emailCustomer(otherEmail));
        BookingConfirmed taken = accepted(offer);

        applier.apply(Untraced.<BookingEvent>each(List.of(taken, other)));

        awaitMail(offeredEmail, "Booking confirmed");
        awaitMail(otherEmail, "Booking confirmed");
        StoredBookingNotifications found = stored(bookingId);
        assertThat(found.appliedEventIds()).containsExactly(offer.eventId().toString(), taken.eventId().toString());
        assertThat(found.state().messages()).extracting(message -> message.id())
                .as("the offer's message is kept").contains(bookingId + ":confirmation").hasSizeGreaterThan(1);
    }

    @Test
    void aLongRowsSendingIsRecordedAFewAtATimeSoAStoreLostMidwayHasOnlyTheLastFewSentAgain() throws Exception {
        List<BookingConfirmed> row = confirmations(newBranchId(), Instant.now().plus(Duration.ofDays(7)), 40);
        BookingConfirmed twentieth = row.get(19);

        try (HeldDeliveries.Hold hold = deliveries.hold(twentieth.customer().email())) {
            applier.apply(Untraced.<BookingEvent>each(row));
            assertThat(hold.awaitHeld(Duration.ofSeconds(30))).as("the twentieth confirmation on its way").isTrue();

            // Were the store lost now, the sixteen recorded would stay sent; the four since would go again after their lease.
            for (int index = 0; index < row.size(); index++) {
                String bookingId = row.get(index).bookingId();
                assertThat(stored(bookingId).state().message(bookingId + ":confirmation").status()).as("confirmation %d", index + 1)
                        .isEqualTo(index < 16 ? MessageStatus.SENT : MessageStatus.SENDING);
            }
        }

        assertEachToldOnce(row);
    }

    @Test
    void aRowWhoseRecordIsLostMidwaySendsItsRestSoonAndOnceWhileTheLeaseKeepsThoseSentUnrecorded() throws Exception {
        List<BookingConfirmed> row = confirmations(newBranchId(), Instant.now().plus(Duration.ofDays(8)), 40);
        outages.loseTheRecordOfSending(row.get(19).bookingId());
        try {
            applier.apply(Untraced.<BookingEvent>each(row));
            assertThat(outages.awaitRecordLost(Duration.ofSeconds(30))).as("the second sixteen's record lost").isTrue();
            // The store is still away when the rest is first tried again: nothing of it is sent then.
            outages.loseReads(1);

            for (BookingConfirmed confirmation : row) {
                awaitMail(confirmation.customer().email(), "Booking confirmed");
            }
        } finally {
            outages.disarm();
        }

        for (int index = 0; index < row.size(); index++) {
            BookingConfirmed confirmation = row.get(index);
            String bookingId = confirmation.bookingId();
            String which = "confirmation " + (index + 1);
            // The second sixteen went out before their record was lost: they stay claimed until their lease runs out.
            MessageStatus expected = index >= 16 && index < 32 ? MessageStatus.SENDING : MessageStatus.SENT;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(bookingId).state()
                    .message(bookingId + ":confirmation").status()).as(which).isEqualTo(expected));
            assertThat(mailsTo(confirmation.customer().email(), "Booking confirmed")).as(which).hasSize(1);
        }
    }

    @Test
    void rowsOfTheSameEventsAppliedAtOnceSendEachConfirmationOnce() throws Exception {
        List<BookingConfirmed> row = confirmations(newBranchId(), Instant.now().plus(Duration.ofDays(6)), 10);
        List<Callable<Object>> appliers = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            // Each its own order, so that every row meets the others' documents at a different point.
            List<BookingConfirmed> order = new ArrayList<>(row);
            Collections.rotate(order, thread * 3);
            appliers.add(() -> {
                applier.apply(Untraced.<BookingEvent>each(order));
                return null;
            });
        }

        Race.atOnce(appliers);

        assertEachToldOnce(row);
    }

    /** {@code count} confirmations at the branch, half an hour apart from {@code start}, each for a new customer by email. */
    private static List<BookingConfirmed> confirmations(String branchId, Instant start, int count) {
        List<BookingConfirmed> confirmations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            confirmations.add(confirmed(newBookingId(), branchId, ZoneId.of("UTC"), start.plus(Duration.ofMinutes(30L * i)),
                    emailCustomer(newEmail())));
        }
        return confirmations;
    }

    /**
     * Each booking's confirmation in its customer's mailbox, recorded as sent, with one {@code NotificationSent}, its
     * event applied once, and one confirmation in each mailbox.
     */
    private void assertEachToldOnce(List<BookingConfirmed> confirmations) {
        for (BookingConfirmed confirmation : confirmations) {
            awaitMail(confirmation.customer().email(), "Booking confirmed");
        }
        for (BookingConfirmed confirmation : confirmations) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(confirmation.bookingId()).state()
                    .message(confirmation.bookingId() + ":confirmation").sentAt() != null);
            assertThat(stored(confirmation.bookingId()).appliedEventIds()).containsOnlyOnce(confirmation.eventId().toString());
        }
        List<NotificationSent> sent = only(NotificationSent.class,
                notificationsAbout(confirmations.stream().map(BookingEvent::bookingId).toList()));
        for (BookingConfirmed confirmation : confirmations) {
            assertThat(sent).filteredOn(event -> event.notificationId().equals(confirmation.bookingId() + ":confirmation"))
                    .as("NotificationSent for " + confirmation.bookingId()).hasSize(1);
        }
        for (BookingConfirmed confirmation : confirmations) {
            assertThat(mailsTo(confirmation.customer().email(), "Booking confirmed")).as("one confirmation to " + confirmation.bookingId())
                    .hasSize(1);
        }
    }

    private StoredBookingNotifications stored(String bookingId) {
        return store.find(bookingId).orElseThrow(() -> new AssertionError("No notifications for " + bookingId));
    }
}
