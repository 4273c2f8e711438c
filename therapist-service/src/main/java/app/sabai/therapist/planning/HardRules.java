package app.sabai.therapist.planning;

import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Certification;
import app.sabai.therapist.staff.Level;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/** Checks one therapist against the hard rules for one session; the first rule broken excludes them. */
public final class HardRules {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private HardRules() {
    }

    /** The first rule broken for a session on {@code date}, the branch's local date of its start. */
    public static Optional<Exclusion> firstBroken(Therapist therapist, PlanningSnapshot snapshot, SessionRequest request,
                                                  LocalDate date, Interval blocked) {
        Branch branch = snapshot.branch();
        if (request.choice() instanceof TherapistChoice.AnyoneBut(String current) && current.equals(therapist.id())) {
            return broken(HardRule.NOT_THE_CURRENT_THERAPIST, () -> "gives the session now; a reassignment looks for someone else");
        }
        Optional<Exclusion> unqualified = firstUnqualified(therapist, branch.id(), request.technique(), request.requirements());
        if (unqualified.isPresent()) {
            return unqualified;
        }
        Shift shift = snapshot.shiftOf(therapist.id(), date).orElse(null);
        if (shift == null) {
            return broken(HardRule.ON_SHIFT, () -> "no shift on " + date);
        }
        if (!branch.id().equals(shift.branchId())) {
            return broken(HardRule.ON_SHIFT, () -> "works at " + shift.branchId() + " on " + date);
        }
        if (!snapshot.covers(shift, request.session())) {
            return broken(HardRule.ON_SHIFT, () -> "shift " + shift.start() + "–" + shift.end()
                    + " does not cover " + clock(request.session(), branch.zone()));
        }
        BookedSession conflict = snapshot.occupancy().conflict(Resource.therapist(therapist.id()), blocked, request.bookingId())
                .orElse(null);
        if (conflict != null && conflict.isAbsence()) {
            return broken(HardRule.NOT_ABSENT, () -> "absent (" + conflict.absenceReason() + ") "
                    + period(conflict.blocked(), branch.zone()));
        }
        if (conflict != null) {
            return broken(HardRule.NO_OVERLAP, () -> "busy " + clock(conflict.blocked(), branch.zone())
                    + " (booking " + conflict.bookingId() + ", changeover or travel included)");
        }
        return Optional.empty();
    }

    /** The first rule that makes the therapist unfit for such a session at that branch, whenever it is. */
    public static Optional<Exclusion> firstUnqualified(Therapist therapist, String branchId, Technique technique,
                                                       CareRequirements requirements) {
        if (!therapist.active()) {
            return broken(HardRule.WORKS_AT_BRANCH, () -> "no longer works for the chain");
        }
        if (!therapist.worksAt(branchId)) {
            return broken(HardRule.WORKS_AT_BRANCH, () -> "works at " + therapist.homeBranchId() + ", not at " + branchId);
        }
        if (!therapist.skilledIn(technique)) {
            return broken(HardRule.HAS_SKILL, () -> "not trained in " + technique);
        }
        if (requirements.prenatalCertified() && !therapist.holds(Certification.PRENATAL)) {
            return broken(HardRule.PRENATAL_CERTIFIED, () -> "the intake requires a prenatal-certified therapist");
        }
        if (requirements.seniorTherapist() && therapist.level() != Level.SENIOR) {
            return broken(HardRule.SENIOR_LEVEL, () -> "the intake asks for a senior therapist");
        }
        return Optional.empty();
    }

    /** {@code HH:mm–HH:mm} in the zone. */
    static String clock(Interval interval, ZoneId zone) {
        return CLOCK.format(interval.start().atZone(zone)) + "–" + CLOCK.format(interval.end().atZone(zone));
    }

    /** A span that may cover several days, in the branch's local time. */
    static String period(Interval interval, ZoneId zone) {
        LocalDate from = interval.start().atZone(zone).toLocalDate();
        LocalDate to = interval.end().atZone(zone).toLocalDate();
        return from.equals(to)
                ? from + " " + clock(interval, zone)
                : from + " " + CLOCK.format(interval.start().atZone(zone)) + " – " + to + " " + CLOCK.format(interval.end().atZone(zone));
    }

    private static Optional<Exclusion> broken(HardRule rule, Supplier<String> wording) {
        return Optional.of(new Exclusion(rule, wording));
    }
}
