package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.AssignmentExplanation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to {@code BookingRescheduleRequested} when the new time could be had: the booking now holds the
 * therapist, room and equipment at {@code start}, and what it held at {@code previousStart} is released.
 */
@EventType("sabai.assignments.SessionRescheduled.v1")
public record SessionRescheduled(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        String therapistName,
        String roomId,
        List<String> equipmentIds,
        Instant previousStart,
        Instant start,
        Instant end,
        AssignmentExplanation explanation) implements AssignmentEvent {

    public SessionRescheduled {
        equipmentIds = equipmentIds == null ? List.of() : List.copyOf(equipmentIds);
    }

    @Override
    public String subject() {
        return bookingId;
    }
}
