package app.sabai.therapist.planning;

import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Certification;
import app.sabai.therapist.staff.Level;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Checks one therapist against the hard rules for one session; the first rule broken excludes them. */
public final class HardRules {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private HardRules() {
    }

    public static Optional<Exclusion> firstBroken(Therapist therapist, PlanningSnapshot snapshot, SessionRequest request,
                                                  Interval blocked) {
        Branch branch = snapshot.branch();
        if (request.choice() instanceof TherapistChoice.AnyoneBut(String current) && current.equals(therapist.id())) {
            return broken(HardRule.NOT_THE_CURRENT_THERAPIST, "gives the session now; a reassignment looks for someone else");
        }
        Optional<Exclusion> unqualified = firstUnqualified(therapist, branch.id(), request.technique(), request.requirements());
        if (unqualified.isPresent()) {
            return unqualified;
        }
        LocalDate date = branch.localDateOf(request.session().start());
        Optional<Shift> shift = snapshot.shiftOf(therapist.id(), date);
        if (shift.isEmpty()) {
            return broken(HardRule.ON_SHIFT, "no shift on " + date);
        }
        if (!branch.id().equals(shift.get().branchId())) {
            return broken(HardRule.ON_SHIFT, "works at " + shift.get().branchId() + " on " + date);
        }
        if (!snapshot.covers(shift.get(), request.session())) {
            return broken(HardRule.ON_SHIFT, "shift " + shift.get().start() + "–" + shift.get().end()
                    + " does not cover " + clock(request.session(), branch.zone()));
        }
        Optional<BookedSession> conflict = snapshot.occupancy()
                .conflict(Resource.therapist(therapist.id()), blocked, request.bookingId());
        if (conflict.isPresent() && conflict.get().isAbsence()) {
            return broken(HardRule.NOT_ABSENT, "absent (" + conflict.get().absenceReason() + ") "
                    + period(conflict.get().blocked(), branch.zone()));
        }
        if (conflict.isPresent()) {
            return broken(HardRule.NO_OVERLAP, "busy " + clock(conflict.get().blocked(), branch.zone())
                    + " (booking " + conflict.get().bookingId() + ", changeover or travel included)");
        }
        return Optional.empty();
    }

    /** The first rule that makes the therapist unfit for such a session at that branch, whenever it is. */
    public static Optional<Exclusion> firstUnqualified(Therapist therapist, String branchId, Technique technique,
                                                       CareRequirements requirements) {
        if (!therapist.active()) {
            return broken(HardRule.WORKS_AT_BRANCH, "no longer works for the chain");
        }
        if (!therapist.worksAt(branchId)) {
            return broken(HardRule.WORKS_AT_BRANCH, "works at " + therapist.homeBranchId() + ", not at " + branchId);
        }
        if (!therapist.skilledIn(technique)) {
            return broken(HardRule.HAS_SKILL, "not trained in " + technique);
        }
        if (requirements.prenatalCertified() && !therapist.holds(Certification.PRENATAL)) {
            return broken(HardRule.PRENATAL_CERTIFIED, "the intake requires a prenatal-certified therapist");
        }
        if (requirements.seniorTherapist() && therapist.level() != Level.SENIOR) {
            return broken(HardRule.SENIOR_LEVEL, "the intake asks for a senior therapist");
        }
        return Optional.empty();
    }

    /** {@code HH:mm–HH:mm} in the zone; built by hand, as planning words every busy candidate at every start it tries. */
    static String clock(Interval interval, ZoneId zone) {
        return hoursAndMinutes(interval.start(), zone) + "–" + hoursAndMinutes(interval.end(), zone);
    }

    private static String hoursAndMinutes(Instant instant, ZoneId zone) {
        LocalTime time = LocalTime.ofInstant(instant, zone);
        return (time.getHour() < 10 ? "0" : "") + time.getHour() + (time.getMinute() < 10 ? ":0" : ":") + time.getMinute();
    }

    /** A span that may cover several days, in the branch's local time. */
    static String period(Interval interval, ZoneId zone) {
        LocalDate from = interval.start().atZone(zone).toLocalDate();
        LocalDate to = interval.end().atZone(zone).toLocalDate();
        return from.equals(to)
                ? from + " " + clock(interval, zone)
                : from + " " + CLOCK.format(interval.start().atZone(zone)) + " – " + to + " " + CLOCK.format(interval.end().atZone(zone));
    }

    private static Optional<Exclusion> broken(HardRule rule, String detail) {
        return Optional.of(new Exclusion(rule, detail));
    }
}
