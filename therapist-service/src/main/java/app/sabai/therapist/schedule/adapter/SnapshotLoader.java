package app.sabai.therapist.schedule.adapter;

import app.sabai.contracts.values.Technique;
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
     * As {@link #load} for the request's day, reading from the store only what could bear on its plan. The resources:
     * the therapists fit for it (skills, certification, level), the rooms for its technique and the units of the
     * equipment it needs; a therapist unfit for it is excluded before anything that holds them is looked at, and no
     * other room or unit is offered to it. The time: the day's opening hours and the request itself, each with its
     * changeover or travel, which is all its plan, the blockers of a refusal and the alternatives offered instead can
     * touch (a session is filed in the day document of every UTC date its blocked time touches). The snapshot serves
     * that request alone.
     */
    public PlanningSnapshot loadFor(SessionRequest request, Branch branch, List<Therapist> therapists, LocalDate day) {
        return forRequest(request, branch, therapists, day, false);
    }

    /** As {@link #loadFor}, with what holds the resources as this instance last knew it: for a first plan, never a refusal. */
    public PlanningSnapshot fromViewFor(SessionRequest request, Branch branch, List<Therapist> therapists, LocalDate day) {
        return forRequest(request, branch, therapists, day, true);
    }

    private PlanningSnapshot forRequest(SessionRequest request, Branch branch, List<Therapist> therapists, LocalDate day, boolean fromView) {
        List<Resource> usable = new ArrayList<>();
        therapists.stream()
                .filter(therapist -> HardRules.firstUnqualified(therapist, branch.id(), request.technique(), request.requirements()).isEmpty())
                .forEach(therapist -> usable.add(Resource.therapist(therapist.id())));
        usable.addAll(placesFor(branch, request.technique()));
        Interval wanted = branch.blockedFor(request.session());
        Interval window = branch.openOn(day).map(branch::blockedFor).map(open -> open.spanning(wanted)).orElse(wanted);
        return new PlanningSnapshot(branch, therapists, shifts(therapists, List.of(day)),
                fromView ? reservations.fromView(usable, window) : reservations.occupancy(usable, window));
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

    /** The rooms that take the technique and the units of the equipment it needs, at the branch. */
    public static List<Resource> placesFor(Branch branch, Technique technique) {
        List<Resource> places = new ArrayList<>();
        branch.roomsFor(technique).forEach(room -> places.add(Resource.room(branch.id(), room.id())));
        TechniqueNeeds.equipment(technique)
                .ifPresent(kind -> branch.unitsOf(kind).forEach(unit -> places.add(Resource.equipment(branch.id(), unit.id()))));
        return places;
    }

    /** The local dates in the branch's zone, widened by {@link #MARGIN} on both sides. */
    public static Interval window(Branch branch, List<LocalDate> dates) {
        LocalDate first = dates.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = dates.stream().max(LocalDate::compareTo).orElseThrow();
        return new Interval(LocalTimes.boundary(first, LocalTime.MIDNIGHT, branch.zone()).minus(MARGIN),
                LocalTimes.boundary(last.plusDays(1), LocalTime.MIDNIGHT, branch.zone()).plus(MARGIN));
    }
}
