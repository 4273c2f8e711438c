package app.sabai.booking.lifecycle;

import java.util.Set;

/** Where a stored booking stands, and the ids of the events applied to it: enough to judge a record kept beside it. */
public record BookingStanding(String bookingId, BookingStatus status, Set<String> appliedEventIds) {

    public BookingStanding {
        appliedEventIds = appliedEventIds == null ? Set.of() : Set.copyOf(appliedEventIds);
    }

    public boolean hasApplied(String eventId) {
        return appliedEventIds.contains(eventId);
    }
}
