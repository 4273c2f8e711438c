package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.util.UUID;

/**
 * What a booking held is free again (it was cancelled, moved to another time, or its customer did not come):
 * the therapist and, in a salon, the room from {@code start} to {@code end}. Customers waiting for such a
 * slot may now be offered it. {@code reason} is CANCELLED, RESCHEDULED or NO_SHOW.
 */
@EventType("sabai.assignments.SlotReleased.v1")
public record SlotReleased(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        Instant start,
        Instant end,
        String reason,
        Technique technique,
        String roomId) implements AssignmentEvent {

    @Override
    public String subject() {
        return bookingId;
    }
}
