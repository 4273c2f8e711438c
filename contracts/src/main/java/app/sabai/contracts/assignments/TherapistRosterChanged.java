package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Staff changed when and where a therapist works: the whole weekly pattern and the one-off changes to come,
 * as they are now. {@code strandedBookingIds} are bookings the change takes from the therapist; each is
 * re-planned right after it ({@code TherapistReassigned} or {@code ReassignmentFailed} each). {@code opened} is
 * the working time the change adds, from now until the re-plan horizon: time the therapist now works at a branch
 * and did not work there before (a new or longer shift, an extra day, a day off taken back). Customers waiting for
 * such time may be offered it. Events written before it existed read with none.
 */
@EventType("sabai.assignments.TherapistRosterChanged.v1")
public record TherapistRosterChanged(
        UUID eventId,
        Instant occurredAt,
        String therapistId,
        String branchId,
        List<Weekly> weekly,
        List<Change> changes,
        List<String> strandedBookingIds,
        List<Opened> opened) implements AssignmentEvent {

    public TherapistRosterChanged {
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
        changes = changes == null ? List.of() : List.copyOf(changes);
        strandedBookingIds = strandedBookingIds == null ? List.of() : List.copyOf(strandedBookingIds);
        opened = opened == null ? List.of() : List.copyOf(opened);
    }

    /** Every {@code day} at {@code branchId}, {@code start}–{@code end} local time. */
    public record Weekly(DayOfWeek day, String branchId, LocalTime start, LocalTime end) {
    }

    /** One date that differs from the pattern; {@code branchId} null is a day off. */
    public record Change(LocalDate date, String branchId, LocalTime start, LocalTime end) {
    }

    /** Working time added at {@code branchId} from {@code from} to {@code to}. */
    public record Opened(String branchId, Instant from, Instant to) {
    }

    @Override
    public String subject() {
        return therapistId;
    }
}
