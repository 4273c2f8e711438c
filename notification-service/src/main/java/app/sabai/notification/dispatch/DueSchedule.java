package app.sabai.notification.dispatch;

import app.sabai.notification.store.StoredBookingNotifications;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When to look at which booking next: one due time per booking, the soonest kept. It only decides when to try;
 * the claim in the store decides who sends. Bounded: a time beyond {@code horizon} is not kept, and when
 * {@code capacity} times are held a later one is dropped (or pushes out the latest): the safety-net query finds
 * what is not here when it comes near. A booking whose document is known as it was written is kept with it
 * when it is due already, so its dispatch need not read it again.
 */
final class DueSchedule {

    private static final Comparator<Entry> BY_TIME = Comparator.comparing(Entry::dueAt).thenComparing(Entry::bookingId);

    private final Duration horizon;
    private final int capacity;
    private final Map<String, Entry> byBooking = new HashMap<>();
    private final NavigableSet<Entry> byTime = new TreeSet<>(BY_TIME);

    DueSchedule(Duration horizon, int capacity) {
        this.horizon = horizon;
        this.capacity = capacity;
    }

    /**
     * Keeps {@code dueAt} as the booking's next due time, in place of any it had; {@code null} (nothing pending)
     * forgets the booking.
     *
     * @return whether the booking is now held
     */
    synchronized boolean offer(String bookingId, Instant dueAt, StoredBookingNotifications written, Instant now) {
        forget(bookingId);
        if (dueAt == null || dueAt.isAfter(now.plus(horizon))) {
            return false;
        }
        Entry entry = new Entry(bookingId, dueAt, dueAt.isAfter(now) ? null : written);
        if (byTime.size() >= capacity) {
            Entry latest = byTime.last();
            if (BY_TIME.compare(entry, latest) >= 0) {
                return false;
            }
            byTime.remove(latest);
            byBooking.remove(latest.bookingId());
        }
        byTime.add(entry);
        byBooking.put(bookingId, entry);
        return true;
    }

    /** Removes and returns every booking due by {@code now}, soonest first. */
    synchronized List<Entry> takeDue(Instant now) {
        List<Entry> due = new ArrayList<>();
        while (!byTime.isEmpty() && !byTime.first().dueAt().isAfter(now)) {
            Entry entry = byTime.pollFirst();
            byBooking.remove(entry.bookingId());
            due.add(entry);
        }
        return due;
    }

    synchronized Optional<Instant> earliest() {
        return byTime.isEmpty() ? Optional.empty() : Optional.of(byTime.first().dueAt());
    }

    synchronized Optional<Instant> dueAt(String bookingId) {
        return Optional.ofNullable(byBooking.get(bookingId)).map(Entry::dueAt);
    }

    synchronized int size() {
        return byTime.size();
    }

    synchronized void clear() {
        byTime.clear();
        byBooking.clear();
    }

    private void forget(String bookingId) {
        Entry previous = byBooking.remove(bookingId);
        if (previous != null) {
            byTime.remove(previous);
        }
    }

    /** A booking to look at from {@code dueAt}; {@code written} is its document as last written here, or null. */
    record Entry(String bookingId, Instant dueAt, StoredBookingNotifications written) {
    }
}
