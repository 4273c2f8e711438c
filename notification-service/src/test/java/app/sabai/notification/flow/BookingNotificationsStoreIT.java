package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.notification.booking.Change;
import app.sabai.notification.booking.DeliveryPolicy;
import app.sabai.notification.booking.ReminderPlanner;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.notification.store.StoredBookingNotifications;
import app.sabai.support.testing.SabaiServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's writes, on the real store: a write returns the document as a read would find it (so callers go on
 * from it without reading), a first write creates the document without reading first, and the guards still hold.
 * The confirmation in each is claimed as it is written, so nothing falls due for minutes and no dispatcher writes
 * these bookings while the test looks.
 */
@SabaiServiceTest
class BookingNotificationsStoreIT extends NotificationFlowSupport {

    @Autowired
    BookingNotificationsStore store;
    @Autowired
    ReminderPlanner planner;
    @Autowired
    DeliveryPolicy policy;

    @Test
    void aFirstWriteCreatesTheDocumentAndReturnsItAsAReadFindsIt() {
        String bookingId = newBookingId();
        BookingConfirmed event = confirmed(bookingId, Instant.now().plus(Duration.ofDays(3)), emailCustomer(newEmail()));
        StoredBookingNotifications absent = StoredBookingNotifications.absent(bookingId);

        Optional<StoredBookingNotifications> written = store.update(absent, confirmedAndClaimed(absent, event), event.eventId());

        assertThat(written).isPresent();
        assertThat(written.get().version()).isEqualTo(1);
        assertThat(written.get().hasApplied(event.eventId())).isTrue();
        assertThat(written.get().nextDueAt()).isNotNull();
        assertThat(store.find(bookingId)).contains(written.get());
    }

    @Test
    void aSecondFirstWriteLosesAndAnEventIsAppliedOnce() {
        String bookingId = newBookingId();
        BookingConfirmed event = confirmed(bookingId, Instant.now().plus(Duration.ofDays(3)), emailCustomer(newEmail()));
        StoredBookingNotifications absent = StoredBookingNotifications.absent(bookingId);

        assertThat(store.update(absent, Change.none(absent.state()), null)).as("the first write creates the document").isPresent();
        assertThat(store.update(absent, confirmedAndClaimed(absent, event), event.eventId()))
                .as("another writer that also found nothing").isEmpty();
        StoredBookingNotifications current = store.find(bookingId).orElseThrow();
        assertThat(store.update(current, confirmedAndClaimed(current, event), event.eventId())).isPresent();
        StoredBookingNotifications applied = store.find(bookingId).orElseThrow();
        assertThat(store.update(applied, Change.none(applied.state()), event.eventId())).as("the same event again").isEmpty();
        assertThat(store.find(bookingId)).contains(applied);
    }

    @Test
    void writesTogetherAnswerEachDocumentAsWrittenOrEmptyWhereSomeoneElseWroteFirst() {
        BookingConfirmed fresh = confirmed(newBookingId(), Instant.now().plus(Duration.ofDays(3)), emailCustomer(newEmail()));
        BookingConfirmed taken = confirmed(newBookingId(), Instant.now().plus(Duration.ofDays(3)), emailCustomer(newEmail()));
        StoredBookingNotifications takenAbsent = StoredBookingNotifications.absent(taken.bookingId());
        store.update(takenAbsent, Change.none(takenAbsent.state()), null).orElseThrow();
        StoredBookingNotifications freshAbsent = StoredBookingNotifications.absent(fresh.bookingId());

        List<Optional<StoredBookingNotifications>> creates = store.updateAll(List.of(
                new BookingNotificationsStore.Write(freshAbsent, confirmedAndClaimed(freshAbsent, fresh), fresh.eventId()),
                new BookingNotificationsStore.Write(takenAbsent, confirmedAndClaimed(takenAbsent, taken), taken.eventId())));

        assertThat(creates.getFirst()).isPresent();
        assertThat(store.find(fresh.bookingId())).contains(creates.getFirst().get());
        assertThat(creates.get(1)).as("another writer made the document first").isEmpty();
        assertThat(store.find(taken.bookingId()).orElseThrow().version()).isEqualTo(1);

        StoredBookingNotifications current = creates.getFirst().get();
        StoredBookingNotifications stale = store.find(taken.bookingId()).orElseThrow();
        store.update(stale, Change.none(stale.state()), null).orElseThrow();
        List<Optional<StoredBookingNotifications>> updates = store.updateAll(List.of(
                new BookingNotificationsStore.Write(current, Change.none(current.state()), null),
                new BookingNotificationsStore.Write(stale, Change.none(stale.state()), null)));

        assertThat(updates).as("one of the two changed, and the store does not say which").containsOnly(Optional.empty());
        assertThat(store.find(fresh.bookingId()).orElseThrow().version()).as("written all the same").isEqualTo(2);
        assertThat(store.find(taken.bookingId()).orElseThrow().version()).isEqualTo(2);

        StoredBookingNotifications both = store.find(fresh.bookingId()).orElseThrow();
        StoredBookingNotifications other = store.find(taken.bookingId()).orElseThrow();
        List<Optional<StoredBookingNotifications>> landed = store.updateAll(List.of(
                new BookingNotificationsStore.Write(both, Change.none(both.state()), null),
                new BookingNotificationsStore.Write(other, Change.none(other.state()), null)));
        assertThat(landed).allSatisfy(written -> assertThat(written).isPresent());
        assertThat(store.find(fresh.bookingId())).contains(landed.getFirst().get());
        assertThat(store.find(taken.bookingId())).contains(landed.get(1).get());
    }

    /** The confirmation as the event makes it, claimed at once (a lease of minutes), with the event's notifications. */
    private Change confirmedAndClaimed(StoredBookingNotifications current, BookingConfirmed event) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Change confirm = current.state().confirmed(event, now, planner);
        Change claimed = confirm.state().claim(event.bookingId() + ":confirmation", now, policy);
        return new Change(claimed.state(), confirm.events(), true);
    }
}
