package app.sabai.notification.testing;

import app.sabai.notification.booking.Change;
import app.sabai.notification.booking.MessageStatus;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.notification.store.StoredBookingNotifications;
import app.sabai.support.outbox.Outbox;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's store of booking notifications, on the test JVM's store, with outages a flow test can arm: the next write
 * that records a message as sent for one booking, or the next few reads, fail as they would with the store gone away,
 * having written nothing. Disarmed, it is the service's store. {@link StoreOutagesConfiguration} puts it in place of
 * the service's.
 */
public final class StoreOutages extends BookingNotificationsStore {

    private final AtomicReference<String> recordToLose = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> recordLost = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicInteger readsToLose = new AtomicInteger();

    StoreOutages(MongoTemplate mongo, Outbox outbox) {
        super(mongo, outbox);
    }

    /** The next write recording the booking's message as sent (with whatever else it writes) fails; once. */
    public void loseTheRecordOfSending(String bookingId) {
        recordLost.set(new CountDownLatch(1));
        recordToLose.set(bookingId);
    }

    /** Whether the armed record was lost within {@code timeout}. */
    public boolean awaitRecordLost(Duration timeout) throws InterruptedException {
        return recordLost.get().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next {@code count} reads of a document fail. */
    public void loseReads(int count) {
        readsToLose.set(count);
    }

    public void disarm() {
        recordToLose.set(null);
        readsToLose.set(0);
    }

    @Override
    public Optional<StoredBookingNotifications> find(String bookingId) {
        if (readsToLose.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw away();
        }
        return super.find(bookingId);
    }

    @Override
    public Optional<StoredBookingNotifications> update(StoredBookingNotifications current, Change change, UUID appliedEventId) {
        loseIfArmed(List.of(change));
        return super.update(current, change, appliedEventId);
    }

    @Override
    public List<Optional<StoredBookingNotifications>> updateAll(List<Write> writes) {
        loseIfArmed(writes.stream().map(Write::change).toList());
        return super.updateAll(writes);
    }

    private void loseIfArmed(List<Change> changes) {
        String bookingId = recordToLose.get();
        if (bookingId != null && changes.stream().anyMatch(change -> recordsSending(change, bookingId))
                && recordToLose.compareAndSet(bookingId, null)) {
            recordLost.get().countDown();
            throw away();
        }
    }

    private static boolean recordsSending(Change change, String bookingId) {
        return change.state().bookingId().equals(bookingId)
                && change.state().messages().stream().anyMatch(message -> message.status() == MessageStatus.SENT);
    }

    private static DataAccessResourceFailureException away() {
        return new DataAccessResourceFailureException("The store is away (an outage a test armed)");
    }
}
