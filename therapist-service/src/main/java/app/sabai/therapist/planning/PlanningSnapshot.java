package app.sabai.therapist.planning;

import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one planning decision reads, loaded at once: the branch, the therapists who may work there,
 * their shifts, and what holds the therapists, rooms and equipment units over the time in question.
 */
public record PlanningSnapshot(
        Branch branch,
        List<Therapist> therapists,
        Map<String, Shift> shiftsById,
        Occupancy occupancy) {

    public PlanningSnapshot {
        therapists = List.copyOf(therapists);
        shiftsById = Map.copyOf(shiftsById);
    }

    public Optional<Shift> shiftOf(String therapistId, LocalDate date) {
        return Optional.ofNullable(shiftsById.get(Shift.idOf(therapistId, date)));
    }

    public PlanningSnapshot with(Occupancy otherOccupancy) {
        return new PlanningSnapshot(branch, therapists, shiftsById, otherOccupancy);
    }

    public Optional<Therapist> therapist(String therapistId) {
        return therapists.stream().filter(therapist -> therapist.id().equals(therapistId)).findFirst();
    }
}
