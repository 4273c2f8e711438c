package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

@EventType("sabai.assignments.SlotReleased.v1")
public record SlotReleased(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        Instant start,
        Instant end,
        String reason) implements AssignmentEvent {

    @Override
    public String subject() {
        return bookingId;
    }
}
