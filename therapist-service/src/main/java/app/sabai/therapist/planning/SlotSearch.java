package app.sabai.therapist.planning;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.LocalTimes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Searches start times on a 15-minute grid of the branch's local opening hours, planning each against
 * one snapshot in memory: for the availability calendar and for the alternatives offered with a
 * rejection. Grid times that a daylight-saving change skips do not exist; repeated ones occur twice.
 */
public final class SlotSearch {

    public static final Duration GRID = Duration.ofMinutes(15);

    private SlotSearch() {
    }

    /** A start time at which the session can be had, and how many therapists could give it. */
    public record OpenSlot(Interval session, int therapists) {
    }

    /** Starts on the grid of a date at which a session of that length fits within the opening hours. */
    public static List<Instant> starts(Branch branch, LocalDate date, Duration length) {
        Optional<Interval> open = branch.openOn(date);
        if (open.isEmpty()) {
            return List.of();
        }
        LocalTime opens = branch.hoursOn(date).orElseThrow().opens();
        LocalTime closes = branch.hoursOn(date).orElseThrow().closes();
        List<Instant> starts = new ArrayList<>();
        for (long minute = opens.toSecondOfDay() / 60; minute < closes.toSecondOfDay() / 60; minute += GRID.toMinutes()) {
            LocalDateTime local = date.atStartOfDay().plusMinutes(minute);
            for (Instant start : LocalTimes.instantsOf(local, branch.zone())) {
                if (open.get().contains(Interval.of(start, length))) {
                    starts.add(start);
                }
            }
        }
        return starts.stream().distinct().sorted().toList();
    }

    public static List<OpenSlot> openSlots(PlanningSnapshot snapshot, Technique technique, Duration length, LocalDate date,
                                           Instant notBefore) {
        return offers(snapshot, SessionRequest.of(technique, Interval.of(notBefore, length)), therapist -> true, List.of(date),
                notBefore, null, null).stream()
                .map(offer -> new OpenSlot(offer.session(), offer.candidates().size()))
                .toList();
    }

    /** A start time at which the session can be had, and who could give it, best first. */
    public record Offer(Interval session, LocalDate date, List<RankedCandidate> candidates) {

        public Offer {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * Every start on the grid of the dates (local to the branch) at which the session {@code template} describes
     * can be booked by one of the {@code wanted} therapists: the same plan a booking at that time would get,
     * so a start offered here is one a booking gets. Nothing before {@code notBefore}; when given, no start
     * before {@code earliest} or after {@code latest} (local times).
     */
    public static List<Offer> offers(PlanningSnapshot snapshot, SessionRequest template, Predicate<Therapist> wanted,
                                     List<LocalDate> dates, Instant notBefore, LocalTime earliest, LocalTime latest) {
        Branch branch = snapshot.branch();
        Duration length = template.session().length();
        List<Offer> offers = new ArrayList<>();
        for (LocalDate date : dates) {
            for (Instant start : starts(branch, date, length)) {
                LocalTime local = LocalTimes.localOf(start, branch.zone()).toLocalTime();
                if (start.isBefore(notBefore) || (earliest != null && local.isBefore(earliest)) || (latest != null && local.isAfter(latest))) {
                    continue;
                }
                Plan.Feasible feasible = Planner.feasible(snapshot, template.at(Interval.of(start, length))).orElse(null);
                if (feasible != null) {
                    List<RankedCandidate> able = new ArrayList<>(feasible.candidates().size());
                    for (RankedCandidate candidate : feasible.candidates()) {
                        if (wanted.test(candidate.therapist())) {
                            able.add(candidate);
                        }
                    }
                    if (!able.isEmpty()) {
                        offers.add(new Offer(feasible.session(), date, able));
                    }
                }
            }
        }
        return offers;
    }

    /**
     * Up to {@code wanted} distinct start times other than the requested one, each with a therapist who
     * meets every hard rule and a free room and equipment: on the requested day nearest first, then on
     * the following {@code days} in order. Nothing before {@code notBefore} is offered.
     */
    public static List<Alternative> alternatives(PlanningSnapshot snapshot, SessionRequest request, List<LocalDate> days,
                                                 Instant notBefore, int wanted) {
        Branch branch = snapshot.branch();
        Instant requested = request.session().start();
        LocalDate requestedDay = branch.localDateOf(requested);
        Duration length = request.session().length();
        List<Alternative> found = new ArrayList<>();
        for (LocalDate day : days) {
            List<Instant> starts = starts(branch, day, length).stream()
                    .filter(start -> !start.isBefore(notBefore) && !start.equals(requested))
                    .sorted(day.equals(requestedDay) ? nearestFirst(requested) : Comparator.naturalOrder())
                    .toList();
            for (Instant start : starts) {
                if (found.size() >= wanted) {
                    return found;
                }
                Interval session = Interval.of(start, length);
                Planner.feasible(snapshot, request.at(session)).ifPresent(feasible -> found.add(new Alternative(session.start(),
                        session.end(), feasible.best().therapist().id(), feasible.best().therapist().name())));
            }
        }
        return found;
    }

    /**
     * Nearest to {@code requested} first, the earlier of two as near. The distance is taken without
     * {@link Duration#abs()}, which negates through {@code BigDecimal}, at every comparison of the sort.
     */
    private static Comparator<Instant> nearestFirst(Instant requested) {
        return Comparator.comparing((Instant start) -> start.isBefore(requested) ? Duration.between(start, requested)
                : Duration.between(requested, start)).thenComparing(Comparator.naturalOrder());
    }
}
