package app.sabai.therapist.planning;

import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one planning decision reads, loaded at once: the branch, the therapists who may work there,
 * their shifts, and what holds the therapists, rooms and equipment units over the time in question.
 *
 * <p>Each shift's hours are turned into instants of the branch's zone once, here, and shifts are found by therapist
 * and date without building their id: an availability search asks for every therapist's shift at every start it tries.
 * The branch's rooms by technique, and its rooms and units as resources, are made once for the same reason.
 */
public final class PlanningSnapshot {

    private final Branch branch;
    private final List<Therapist> therapists;
    private final Map<String, Shift> shiftsById;
    private final Occupancy occupancy;
    private final Map<String, Map<LocalDate, Shift>> shiftsByTherapist;
    private final Map<Shift, Interval> hours;
    private final Map<Technique, List<Room>> roomsByTechnique;
    private final Map<Room, Resource> roomResources;
    private final Map<EquipmentUnit, Resource> unitResources;

    public PlanningSnapshot(Branch branch, List<Therapist> therapists, Map<String, Shift> shiftsById, Occupancy occupancy) {
        this.branch = branch;
        this.therapists = List.copyOf(therapists);
        this.shiftsById = Map.copyOf(shiftsById);
        this.occupancy = occupancy;
        this.shiftsByTherapist = new HashMap<>();
        this.hours = new IdentityHashMap<>();
        for (Shift shift : this.shiftsById.values()) {
            shiftsByTherapist.computeIfAbsent(shift.therapistId(), id -> new HashMap<>()).put(shift.date(), shift);
            hours.put(shift, shift.in(branch.zone()));
        }
        this.roomsByTechnique = new EnumMap<>(Technique.class);
        branch.techniques().forEach(offer -> roomsByTechnique.put(offer.technique(), branch.roomsFor(offer.technique())));
        this.roomResources = new IdentityHashMap<>();
        branch.rooms().forEach(room -> roomResources.put(room, Resource.room(branch.id(), room.id())));
        this.unitResources = new IdentityHashMap<>();
        branch.equipment().forEach(unit -> unitResources.put(unit, Resource.equipment(branch.id(), unit.id())));
    }

    /** The same branch, people and shifts, found as before, with another occupancy. */
    private PlanningSnapshot(PlanningSnapshot snapshot, Occupancy occupancy) {
        this.branch = snapshot.branch;
        this.therapists = snapshot.therapists;
        this.shiftsById = snapshot.shiftsById;
        this.occupancy = occupancy;
        this.shiftsByTherapist = snapshot.shiftsByTherapist;
        this.hours = snapshot.hours;
        this.roomsByTechnique = snapshot.roomsByTechnique;
        this.roomResources = snapshot.roomResources;
        this.unitResources = snapshot.unitResources;
    }

    public Branch branch() {
        return branch;
    }

    public List<Therapist> therapists() {
        return therapists;
    }

    public Map<String, Shift> shiftsById() {
        return shiftsById;
    }

    public Occupancy occupancy() {
        return occupancy;
    }

    public Optional<Shift> shiftOf(String therapistId, LocalDate date) {
        Map<LocalDate, Shift> shifts = shiftsByTherapist.get(therapistId);
        return shifts == null ? Optional.empty() : Optional.ofNullable(shifts.get(date));
    }

    /** Whether the shift, one of this snapshot's, covers the session in the branch's zone. */
    public boolean covers(Shift shift, Interval session) {
        Interval worked = hours.get(shift);
        return worked != null ? worked.contains(session) : shift.covers(session, branch.zone());
    }

    /** The branch's rooms for the technique, best kind first (held for the techniques the branch offers). */
    public List<Room> roomsFor(Technique technique) {
        List<Room> rooms = roomsByTechnique.get(technique);
        return rooms != null ? rooms : branch.roomsFor(technique);
    }

    /** One of the branch's rooms as occupancy knows it. */
    public Resource resource(Room room) {
        Resource resource = roomResources.get(room);
        return resource != null ? resource : Resource.room(branch.id(), room.id());
    }

    /** One of the branch's equipment units as occupancy knows it. */
    public Resource resource(EquipmentUnit unit) {
        Resource resource = unitResources.get(unit);
        return resource != null ? resource : Resource.equipment(branch.id(), unit.id());
    }

    public PlanningSnapshot with(Occupancy otherOccupancy) {
        return new PlanningSnapshot(this, otherOccupancy);
    }

    public Optional<Therapist> therapist(String therapistId) {
        return therapists.stream().filter(therapist -> therapist.id().equals(therapistId)).findFirst();
    }

    @Override
    public String toString() {
        return "PlanningSnapshot[branch=" + branch.id() + ", therapists=" + therapists.size() + ", shifts=" + shiftsById.size() + "]";
    }
}
