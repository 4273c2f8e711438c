package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.RejectionReason;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Nobody qualified was free: the reason, and the nearest free alternatives. */
@EventType("sabai.assignments.AssignmentRejected.v1")
public record AssignmentRejected(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        RejectionReason reason,
        String detail,
        List<Alternative> alternatives,
        AssignmentExplanation explanation) implements AssignmentEvent {

    @Override
    public String subject() {
        return bookingId;
    }
}
