package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.TechniqueNeeds;
import app.sabai.therapist.planning.HardRules;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.adapter.Rosters;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.LocalTimes;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what planning needs for some local dates of a branch, each query pinning {@code _id} with an
 * {@code $in} list: the shifts, and the day documents of the therapists, rooms and equipment units. {@link #load} reads
 * the day documents from the store; {@link #fromView} takes them from memory where it holds them ({@link DayViews}).
 */
@Component
public class SnapshotLoader {

    /** Travel before and changeover after a session reach beyond its local date; read that far around it. */
    static final Duration MARGIN = Duration.ofHours(6);

    private final Rosters roster;
    private final Reservations reservations;

    SnapshotLoader(Rosters roster, Reservations reservations) {
        this.roster = roster;
        this.reservations = reservations;
    }

    public PlanningSnapshot load(Branch branch, List<Therapist> therapists, List<LocalDate> dates) {
        return new PlanningSnapshot(branch, therapists, shifts(therapists, dates),
                reservations.occupancy(resources(branch, therapists), window(branch, dates)));
    }

    /**
     * As {@link #load} for one day, reading from the store only what could serve the request: the therapists fit for it
     * (skills, certification, level), the rooms for its technique and the units of the equipment it needs. What holds
     * the others changes nothing in its plan: a therapist unfit for it is excluded before anything that holds them is
     * looked at, and no other room or unit is ever offered to it. The snapshot serves that request alone.
     */
    public PlanningSnapshot loadFor(SessionRequest request, Branch branch, List<Therapist> therapists, LocalDate day) {
        List<Resource> usable = new ArrayList<>();
        therapists.stream()
                .filter(therapist -> HardRules.firstUnqualified(therapist, branch.id(), request.technique(), request.requirements()).isEmpty())
                .forEach(therapist -> usable.add(Resource.therapist(therapist.id())));
        branch.roomsFor(request.technique()).forEach(room -> usable.add(Resource.room(branch.id(), room.id())));
        TechniqueNeeds.equipment(request.technique())
                .ifPresent(kind -> branch.unitsOf(kind).forEach(unit -> usable.add(Resource.equipment(branch.id(), unit.id()))));
        List<LocalDate> dates = List.of(day);
        return new PlanningSnapshot(branch, therapists, shifts(therapists, dates), reservations.occupancy(usable, window(branch, dates)));
    }

    /** As {@link #load}, with what holds the resources as this instance last knew it: for a guess or a view, never a refusal. */
    public PlanningSnapshot fromView(Branch branch, List<Therapist> therapists, List<LocalDate> dates) {
        return new PlanningSnapshot(branch, therapists, shifts(therapists, dates),
                reservations.fromView(resources(branch, therapists), window(branch, dates)));
    }

    private Map<String, Shift> shifts(List<Therapist> therapists, List<LocalDate> dates) {
        return roster.byIds(dates.stream().flatMap(date -> therapists.stream().map(therapist -> Shift.idOf(therapist.id(), date))).toList());
    }

    /** The branch's therapists, rooms and equipment units. */
    public static List<Resource> resources(Branch branch, List<Therapist> therapists) {
        List<Resource> resources = new ArrayList<>();
        therapists.forEach(therapist -> resources.add(Resource.therapist(therapist.id())));
        for (Room room : branch.rooms()) {
            resources.add(Resource.room(branch.id(), room.id()));
        }
        for (EquipmentUnit unit : branch.equipment()) {
            resources.add(Resource.equipment(branch.id(), unit.id()));
        }
        return resources;
    }

    /** The local dates in the branch's zone, widened by {@link #MARGIN} on both sides. */
    public static Interval window(Branch branch, List<LocalDate> dates) {
        LocalDate first = dates.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = dates.stream().max(LocalDate::compareTo).orElseThrow();
        return new Interval(LocalTimes.boundary(first, LocalTime.MIDNIGHT, branch.zone()).minus(MARGIN),
                LocalTimes.boundary(last.plusDays(1), LocalTime.MIDNIGHT, branch.zone()).plus(MARGIN));
    }
}
