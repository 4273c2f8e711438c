package app.sabai.notification.store;

import app.sabai.notification.booking.BookingNotifications;

import java.time.Instant;
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

    public boolean hasApplied(UUID eventId) {
        return appliedEventIds.contains(eventId.toString());
    }
}
