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

    public static List<RankedCandidate> rank(List<Therapist> eligible, PlanningSnapshot snapshot, SessionRequest request) {
        LocalDate date = snapshot.branch().localDateOf(request.session().start());
        ZoneId zone = snapshot.branch().zone();
        Instant dayStarts = date.atStartOfDay(zone).toInstant();
        Instant nextDayStarts = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Scored> scored = eligible.stream()
                .map(therapist -> score(therapist, snapshot, request, dayStarts, nextDayStarts))
                .sorted(ORDER)
                .toList();
        List<RankedCandidate> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            ranked.add(new RankedCandidate(scored.get(i).therapist(), i + 1, scored.get(i).reasons()));
        }
        return ranked;
    }

    private record Scored(Therapist therapist, boolean preferred, boolean genderMatch, boolean continuity,
                          boolean seniorWhenFlagged, int load, boolean home) {

        List<String> reasons() {
            List<String> reasons = new ArrayList<>();
            if (preferred) {
                reasons.add("the customer's preferred therapist");
            }
            if (genderMatch) {
                reasons.add("matches the gender preference");
            }
            if (continuity) {
                reasons.add("continuity: gave the customer's previous session");
            }
            if (seniorWhenFlagged) {
                reasons.add("senior, for an intake with care notes");
            }
            reasons.add(load == 1 ? "1 session that day" : load + " sessions that day");
            if (!home) {
                reasons.add("covering from " + therapist.homeBranchId());
            }
            return reasons;
        }
    }

    /**
     * Written out rather than chained from {@code Comparator.comparing}: an availability search ranks the free therapists
     * at every start it tries, and the chained comparator's boxing and indirection were most of that in C1-compiled code.
     */
    private static final Comparator<Scored> ORDER = Ranking::better;

    private static int better(Scored one, Scored other) {
        int order = Boolean.compare(other.preferred(), one.preferred());
        if (order == 0) {
            order = Boolean.compare(other.genderMatch(), one.genderMatch());
        }
        if (order == 0) {
            order = Boolean.compare(other.continuity(), one.continuity());
        }
        if (order == 0) {
            order = Boolean.compare(other.seniorWhenFlagged(), one.seniorWhenFlagged());
        }
        if (order == 0) {
            order = Integer.compare(one.load(), other.load());
        }
        if (order == 0) {
            order = Boolean.compare(other.home(), one.home());
        }
        return order != 0 ? order : one.therapist().id().compareTo(other.therapist().id());
    }

    private static Scored score(Therapist therapist, PlanningSnapshot snapshot, SessionRequest request, Instant dayStarts,
                                Instant nextDayStarts) {
        return new Scored(
                therapist,
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
