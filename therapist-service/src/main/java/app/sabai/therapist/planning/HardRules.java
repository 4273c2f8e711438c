package app.sabai.therapist.planning;

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

/** Checks one therapist against the hard rules for one session; the first rule broken excludes them. */
public final class HardRules {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private HardRules() {
    }

    public static Optional<Exclusion> firstBroken(Therapist therapist, PlanningSnapshot snapshot, SessionRequest request,
                                                  Interval blocked) {
        Branch branch = snapshot.branch();
        if (!therapist.worksAt(branch.id())) {
            return broken(HardRule.WORKS_AT_BRANCH, "works at " + therapist.homeBranchId() + ", not at " + branch.id());
        }
        if (!therapist.skilledIn(request.technique())) {
            return broken(HardRule.HAS_SKILL, "not trained in " + request.technique());
        }
        if (request.requirements().prenatalCertified() && !therapist.holds(Certification.PRENATAL)) {
            return broken(HardRule.PRENATAL_CERTIFIED, "the intake requires a prenatal-certified therapist");
        }
        if (request.requirements().seniorTherapist() && therapist.level() != Level.SENIOR) {
            return broken(HardRule.SENIOR_LEVEL, "the intake asks for a senior therapist");
        }
        LocalDate date = branch.localDateOf(request.session().start());
        Optional<Shift> shift = snapshot.shiftOf(therapist.id(), date);
        if (shift.isEmpty()) {
            return broken(HardRule.ON_SHIFT, "no shift on " + date);
        }
        if (!branch.id().equals(shift.get().branchId())) {
            return broken(HardRule.ON_SHIFT, "works at " + shift.get().branchId() + " on " + date);
        }
        if (!shift.get().covers(request.session(), branch.zone())) {
            return broken(HardRule.ON_SHIFT, "shift " + shift.get().start() + "–" + shift.get().end()
                    + " does not cover " + clock(request.session(), branch.zone()));
        }
        Optional<BookedSession> conflict = snapshot.therapistDays()
                .conflict(DayKeys.therapistDay(therapist.id(), date), blocked, request.bookingId());
        if (conflict.isPresent()) {
            return broken(HardRule.NO_OVERLAP, "busy " + clock(conflict.get().blocked(), branch.zone())
                    + " (booking " + conflict.get().bookingId() + ", changeover or travel included)");
        }
        return Optional.empty();
    }

    static String clock(Interval interval, ZoneId zone) {
        return CLOCK.format(interval.start().atZone(zone)) + "–" + CLOCK.format(interval.end().atZone(zone));
    }

    private static Optional<Exclusion> broken(HardRule rule, String detail) {
        return Optional.of(new Exclusion(rule, detail));
    }
}
