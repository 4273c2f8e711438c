package app.sabai.booking.testing;

import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.RescheduleRefused;
import app.sabai.contracts.assignments.SessionRescheduled;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What therapist-service publishes on {@code sabai.assignments} about a booking, with a fresh event id each. */
public final class AssignmentEvents {

    private AssignmentEvents() {
    }

    public static TherapistAssigned assigned(String bookingId, String branchId, String therapistId, String therapistName) {
        Instant start = Instant.now().plus(Duration.ofDays(7));
        return new TherapistAssigned(UUID.randomUUID(), Instant.now(), bookingId, branchId, therapistId, therapistName, "room-1",
                List.of(), start, start.plus(Duration.ofHours(1)), null);
    }

    /** Therapist, room and equipment are held for the session from {@code start} to {@code end}, as the request asked. */
    public static TherapistAssigned assignedAt(String bookingId, String branchId, String therapistId, String therapistName,
                                               Instant start, Instant end) {
        return new TherapistAssigned(UUID.randomUUID(), Instant.now(), bookingId, branchId, therapistId, therapistName, "room-1",
                List.of(), start, end, null);
    }

    /** A cancelled booking's slot is free again: {@code therapistId} in {@code room-1} from {@code start} to {@code end}. */
    public static SlotReleased slotReleased(String branchId, String therapistId, Instant start, Instant end, Technique technique) {
        return new SlotReleased(UUID.randomUUID(), Instant.now(), "released-" + UUID.randomUUID(), branchId, therapistId, start, end,
                "CANCELLED", technique, "room-1");
    }

    /** Staff withdrew the therapist's absence for the period. */
    public static TherapistAbsenceWithdrawn absenceWithdrawn(String branchId, String therapistId, Instant from, Instant to) {
        return new TherapistAbsenceWithdrawn(UUID.randomUUID(), Instant.now(), "absence-" + UUID.randomUUID(), therapistId, branchId,
                from, to);
    }

    /** Staff changed the therapist's roster so that they work the {@code opened} periods, which they did not work before. */
    public static TherapistRosterChanged rosterOpened(String branchId, String therapistId, TherapistRosterChanged.Opened... opened) {
        return new TherapistRosterChanged(UUID.randomUUID(), Instant.now(), therapistId, branchId, List.of(), List.of(), List.of(),
                List.of(opened));
    }

    /** therapist-service holds the new time asked for: {@code therapistId} in {@code roomId} from {@code start}. */
    public static SessionRescheduled sessionRescheduled(String bookingId, String branchId, String therapistId, String therapistName,
                                                        String roomId, Instant previousStart, Instant start, Duration length) {
        return new SessionRescheduled(UUID.randomUUID(), Instant.now(), bookingId, branchId, therapistId, therapistName, roomId,
                List.of(), previousStart, start, start.plus(length), null);
    }

    /** therapist-service cannot hold the new time: nothing changed there. */
    public static RescheduleRefused rescheduleRefused(String bookingId, String branchId, Instant requestedStart, RejectionReason reason,
                                                      String detail, List<Alternative> alternatives) {
        return new RescheduleRefused(UUID.randomUUID(), Instant.now(), bookingId, branchId, requestedStart, reason, detail,
                alternatives, null);
    }

    public static AssignmentRejected rejected(String bookingId, String branchId, RejectionReason reason, String detail,
                                              List<Alternative> alternatives) {
        return new AssignmentRejected(UUID.randomUUID(), Instant.now(), bookingId, branchId, reason, detail, alternatives, null);
    }

    /** Staff moved the booking from one therapist to another, into {@code roomId}. */
    public static TherapistReassigned reassigned(String bookingId, String branchId, String fromId, String fromName,
                                                 String toId, String toName, String roomId, String reason) {
        Instant start = Instant.now().plus(Duration.ofDays(7));
        return new TherapistReassigned(UUID.randomUUID(), Instant.now(), bookingId, branchId, fromId, toId, toName, roomId,
                start, start.plus(Duration.ofHours(1)), reason, null, fromName, List.of(), null);
    }

    /** The therapist is absent ({@code absenceId}) and nobody could take the session over. */
    public static ReassignmentFailed reassignmentFailed(String bookingId, String branchId, String therapistId, String reason,
                                                        List<Alternative> alternatives, String absenceId) {
        return new ReassignmentFailed(UUID.randomUUID(), Instant.now(), bookingId, branchId, therapistId, reason, alternatives,
                null, absenceId);
    }

    public static void publish(AssignmentEvent event) {
        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), event);
    }

    /**
     * Assignment events of one branch share a partition and are applied in order: once a later booking's
     * assignment has landed, everything published for the branch before it has been processed.
     */
    public static void processedUpToHere(BookingApi api, String branchId) {
        String marker = api.requestABooking(branchId);
        publish(assigned(marker, branchId, "t-marker", "Marker"));
        api.awaitStatus(marker, "CONFIRMED");
    }
}
