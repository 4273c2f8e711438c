package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Alternative;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@EventType("sabai.assignments.ReassignmentFailed.v1")
public record ReassignmentFailed(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        String reason,
        List<Alternative> alternatives) implements AssignmentEvent {

    @Override
    public String subject() {
        return bookingId;
    }
}
