package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.schedule.DayIds;
import app.sabai.therapist.schedule.Ledger;

import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.adapter.ShiftRoster;
import app.sabai.therapist.staff.Therapist;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Reads what planning needs for some dates of a branch with four queries, each pinning {@code _id}
 * with an {@code $in} list: the shifts, and the therapist, room and equipment day documents.
 */
@Component
public class SnapshotLoader {

    private final ShiftRoster roster;
    private final Reservations reservations;

    SnapshotLoader(ShiftRoster roster, Reservations reservations) {
        this.roster = roster;
        this.reservations = reservations;
    }

    public PlanningSnapshot load(Branch branch, List<Therapist> therapists, List<LocalDate> dates) {
        DayIds dayIds = DayIds.of(branch, therapists, dates);
        List<String> shiftIds = dates.stream()
                .flatMap(date -> therapists.stream().map(therapist -> Shift.idOf(therapist.id(), date)))
                .toList();
        return new PlanningSnapshot(branch, therapists, roster.byIds(shiftIds),
                reservations.occupancy(Ledger.THERAPISTS, dayIds.therapistDays()),
                reservations.occupancy(Ledger.ROOMS, dayIds.roomDays()),
                reservations.occupancy(Ledger.EQUIPMENT, dayIds.equipmentDays()));
    }
}
