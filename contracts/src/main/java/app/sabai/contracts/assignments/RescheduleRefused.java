package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.RejectionReason;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to {@code BookingRescheduleRequested} when the new time cannot be had: the booking keeps what it
 * holds, exactly as it was; {@code reason}, {@code detail} and the nearest {@code alternatives} say why and what
 * could be had instead.
 */
@EventType("sabai.assignments.RescheduleRefused.v1")
public record RescheduleRefused(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Instant requestedStart,
        RejectionReason reason,
        String detail,
        List<Alternative> alternatives,
        AssignmentExplanation explanation) implements AssignmentEvent {

    public RescheduleRefused {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    @Override
    public String subject() {
        return bookingId;
    }
}
