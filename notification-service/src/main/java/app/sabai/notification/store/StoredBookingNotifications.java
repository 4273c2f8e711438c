package app.sabai.notification.store;

import app.sabai.notification.booking.BookingNotifications;
import app.sabai.support.consume.AppliedEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A booking's notifications as read, with what a guarded write needs: the version it was read at, the
 * events already applied, and the {@code nextDueAt} stored with it.
 */
public record StoredBookingNotifications(BookingNotifications state, long version, List<String> appliedEventIds,
                                         Instant nextDueAt) {

    public StoredBookingNotifications {
        appliedEventIds = List.copyOf(appliedEventIds);
    }

    /** A booking with no document yet: a write from here creates it, unless someone else did first. */
    public static StoredBookingNotifications absent(String bookingId) {
        return new StoredBookingNotifications(BookingNotifications.empty(bookingId), 0, List.of(), null);
    }

    public boolean hasApplied(UUID eventId) {
        return appliedEventIds.contains(eventId.toString());
    }

    /** The document after {@code state} was written over this one, applying {@code eventId} (if any), as the store keeps it. */
    StoredBookingNotifications next(BookingNotifications state, UUID eventId) {
        List<String> applied = appliedEventIds;
        if (eventId != null) {
            List<String> more = new ArrayList<>(appliedEventIds);
            more.add(eventId.toString());
            applied = more.subList(Math.max(0, more.size() - AppliedEvents.REMEMBERED), more.size());
        }
        return new StoredBookingNotifications(state, version + 1, applied, state.nextDueAt());
    }
}
