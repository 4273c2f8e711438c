package app.sabai.therapist.assignment;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The {@code assignments} document of one booking ({@code _id} = bookingId), as read. Besides these
 * fields it carries {@code appliedEventIds} and the {@code outbox} of its decision event.
 *
 * @param attempt how many times planning was started for the booking; each start claims the next number
 */
public record AssignmentRecord(
        String id,
        String branchId,
        AssignmentStatus status,
        int attempt,
        Technique technique,
        Instant start,
        Instant end,
        ZoneId zone,
        Reservation reservation,
        Rejection rejection,
        AssignmentExplanation explanation,
        Instant requestedAt,
        Instant decidedAt) {

    /** What an assigned booking holds; {@code blockedStart}/{@code blockedEnd} include changeover or travel. */
    public record Reservation(String therapistId, String therapistName, String roomId, List<String> equipmentIds,
                              Instant blockedStart, Instant blockedEnd) {

        public Reservation {
            equipmentIds = equipmentIds == null ? List.of() : List.copyOf(equipmentIds);
        }
    }

    public record Rejection(RejectionReason reason, String detail, List<Alternative> alternatives) {

        public Rejection {
            alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        }
    }
}
