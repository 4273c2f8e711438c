package app.sabai.therapist.planning;

import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.therapist.staff.Level;
import app.sabai.therapist.staff.Therapist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the therapists who meet every hard rule by the soft wishes: the preferred therapist first, then
 * the gender preference, continuity with the previous session, experience when the intake flagged
 * something, and finally the least loaded that day, so work spreads across the team. Home staff come
 * before colleagues covering from another branch; the id settles the rest so the order is stable.
 */
public final class Ranking {

    private Ranking() {
    }

    /** The therapists ranked for a session on {@code date}, the branch's local date of its start. */
    public static List<RankedCandidate> rank(List<Therapist> eligible, PlanningSnapshot snapshot, SessionRequest request,
                                             LocalDate date) {
        ZoneId zone = snapshot.branch().zone();
        Instant dayStarts = date.atStartOfDay(zone).toInstant();
        Instant nextDayStarts = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Scored> scored = new ArrayList<>(eligible.size());
        for (Therapist therapist : eligible) {
            scored.add(new Scored(therapist, standing(therapist, snapshot, request, dayStarts, nextDayStarts)));
        }
        scored.sort(ORDER);
        List<RankedCandidate> ranked = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            ranked.add(new RankedCandidate(scored.get(i).therapist(), i + 1, scored.get(i).standing()));
        }
        return ranked;
    }

    private record Scored(Therapist therapist, RankedCandidate.Standing standing) {
    }

    /**
     * Written out rather than chained from {@code Comparator.comparing}: an availability search ranks the free therapists
     * at every start it tries, and the chained comparator's boxing and indirection were most of that in C1-compiled code.
     */
    private static final Comparator<Scored> ORDER = Ranking::better;

    private static int better(Scored one, Scored other) {
        RankedCandidate.Standing mine = one.standing();
        RankedCandidate.Standing theirs = other.standing();
        int order = Boolean.compare(theirs.preferred(), mine.preferred());
        if (order == 0) {
            order = Boolean.compare(theirs.genderMatch(), mine.genderMatch());
        }
        if (order == 0) {
            order = Boolean.compare(theirs.continuity(), mine.continuity());
        }
        if (order == 0) {
            order = Boolean.compare(theirs.seniorWhenFlagged(), mine.seniorWhenFlagged());
        }
        if (order == 0) {
            order = Integer.compare(mine.load(), theirs.load());
        }
        if (order == 0) {
            order = Boolean.compare(theirs.home(), mine.home());
        }
        return order != 0 ? order : one.therapist().id().compareTo(other.therapist().id());
    }

    private static RankedCandidate.Standing standing(Therapist therapist, PlanningSnapshot snapshot, SessionRequest request,
                                                     Instant dayStarts, Instant nextDayStarts) {
        return new RankedCandidate.Standing(
                therapist.id().equals(request.preferences().therapistId()),
                matches(request.genderPreference(), therapist.gender()),
                therapist.id().equals(request.previousTherapistId()),
                request.flagged() && therapist.level() == Level.SENIOR,
                snapshot.occupancy().count(Resource.therapist(therapist.id()), dayStarts, nextDayStarts, request.bookingId()),
                therapist.homeBranchId().equals(snapshot.branch().id()));
    }

    private static boolean matches(GenderPreference preference, Gender gender) {
        return switch (preference) {
            case ANY -> false;
            case FEMALE -> gender == Gender.FEMALE;
            case MALE -> gender == Gender.MALE;
        };
    }
}
