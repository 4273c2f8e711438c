package app.sabai.therapist.planning;

import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.LocalTimes;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds planning snapshots in memory, in the branch's local time. */
final class Snapshots {

    private final Branch branch;
    private final List<Therapist> therapists = new ArrayList<>();
    private final Map<String, Shift> shifts = new HashMap<>();
    private final Map<Resource, List<BookedSession>> held = new HashMap<>();
    private int bookings;

    private Snapshots(Branch branch) {
        this.branch = branch;
    }

    static Snapshots at(Branch branch) {
        return new Snapshots(branch);
    }

    Snapshots onShift(Therapist therapist, LocalDate date, String from, String to) {
        return onShiftAt(therapist, branch.id(), date, from, to);
    }

    Snapshots onShiftAt(Therapist therapist, String branchId, LocalDate date, String from, String to) {
        if (!therapists.contains(therapist)) {
            therapists.add(therapist);
        }
        Shift shift = Shift.of(therapist.id(), branchId, date, LocalTime.parse(from), LocalTime.parse(to));
        shifts.put(shift.id(), shift);
        return this;
    }

    Snapshots withoutShift(Therapist therapist) {
        therapists.add(therapist);
        return this;
    }

    /** The therapist holds a session whose blocked interval is {@code from}–{@code to} local time. */
    Snapshots therapistBusy(Therapist therapist, LocalDate date, String from, String to) {
        held.computeIfAbsent(Resource.therapist(therapist.id()), id -> new ArrayList<>()).add(session(date, from, to));
        return this;
    }

    /** The therapist is absent {@code from}–{@code to} local time. */
    Snapshots therapistAbsent(Therapist therapist, LocalDate date, String from, String to) {
        held.computeIfAbsent(Resource.therapist(therapist.id()), id -> new ArrayList<>())
                .add(BookedSession.absence("absence-" + (++bookings), "SICK", branch.id(), local(date, from, to)));
        return this;
    }

    /** The booking holds the therapist {@code from}–{@code to} local time (no changeover added). */
    Snapshots holds(String bookingId, Therapist therapist, LocalDate date, String from, String to) {
        Interval session = local(date, from, to);
        held.computeIfAbsent(Resource.therapist(therapist.id()), id -> new ArrayList<>())
                .add(BookedSession.of(bookingId, 1, branch.id(), branch.blockedFor(session), session));
        return this;
    }

    Snapshots roomBusy(String roomId, LocalDate date, String from, String to) {
        held.computeIfAbsent(Resource.room(branch.id(), roomId), id -> new ArrayList<>()).add(session(date, from, to));
        return this;
    }

    Snapshots unitBusy(String unitId, LocalDate date, String from, String to) {
        held.computeIfAbsent(Resource.equipment(branch.id(), unitId), id -> new ArrayList<>()).add(session(date, from, to));
        return this;
    }

    PlanningSnapshot build() {
        return new PlanningSnapshot(branch, therapists, shifts, new Occupancy(held));
    }

    Interval local(LocalDate date, String from, String to) {
        return new Interval(LocalTimes.boundary(date, LocalTime.parse(from), branch.zone()),
                LocalTimes.boundary(date, LocalTime.parse(to), branch.zone()));
    }

    private BookedSession session(LocalDate date, String from, String to) {
        Interval blocked = local(date, from, to);
        return BookedSession.of("other-" + (++bookings), 1, branch.id(), blocked, blocked);
    }
}
