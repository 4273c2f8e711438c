package app.sabai.therapist.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-plans several sessions that lost their therapist (an absence) as one decision against one snapshot:
 * each session planned sees the therapists given to the sessions planned before it, so the moves never
 * steal each other's options. Two orders are tried, earliest session first and hardest to place first
 * (fewest qualified free therapists), and the plan that moves more sessions wins (then the one whose
 * therapists rank better, then earliest first). Room and equipment stay with each booking.
 */
public final class Replan {

    private Replan() {
    }

    public sealed interface Outcome {
        SessionRequest request();

        default String bookingId() {
            return request().bookingId();
        }
    }

    /** The session goes to {@code to}, the best free therapist once the sessions planned before it were placed. */
    public record Moved(SessionRequest request, Plan.Feasible plan, RankedCandidate to) implements Outcome {
    }

    /** Nobody can take the session over. */
    public record Stuck(SessionRequest request, Plan.Infeasible why) implements Outcome {
    }

    /** The outcomes in the order they were planned, and which order that was. */
    public record Result(List<Outcome> outcomes, Order order) {

        public Result {
            outcomes = List.copyOf(outcomes);
        }

        public long moved() {
            return outcomes.stream().filter(Moved.class::isInstance).count();
        }

        int rankSum() {
            return outcomes.stream().mapToInt(outcome -> outcome instanceof Moved moved ? moved.to().rank() : 0).sum();
        }
    }

    public enum Order {
        EARLIEST_FIRST("earliest session first"),
        HARDEST_FIRST("hardest to place first");

        private final String description;

        Order(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public static Result plan(PlanningSnapshot snapshot, List<SessionRequest> requests) {
        Map<String, Integer> options = new HashMap<>();
        for (SessionRequest request : requests) {
            options.put(request.bookingId(), Planner.plan(snapshot, request) instanceof Plan.Feasible feasible
                    ? feasible.candidates().size() : 0);
        }
        Comparator<SessionRequest> earliest = Comparator.comparing((SessionRequest request) -> request.session().start())
                .thenComparing(SessionRequest::bookingId);
        Result byTime = planInOrder(snapshot, requests.stream().sorted(earliest).toList(), Order.EARLIEST_FIRST);
        Result byDifficulty = planInOrder(snapshot, requests.stream()
                .sorted(Comparator.comparing((SessionRequest request) -> options.get(request.bookingId())).thenComparing(earliest))
                .toList(), Order.HARDEST_FIRST);
        return Comparator.comparingLong(Result::moved).reversed().thenComparingInt(Result::rankSum)
                .compare(byTime, byDifficulty) <= 0 ? byTime : byDifficulty;
    }

    private static Result planInOrder(PlanningSnapshot snapshot, List<SessionRequest> ordered, Order order) {
        Occupancy planned = snapshot.occupancy();
        List<Outcome> outcomes = new ArrayList<>();
        for (SessionRequest request : ordered) {
            switch (Planner.plan(snapshot.with(planned), request)) {
                case Plan.Feasible feasible -> {
                    RankedCandidate best = feasible.best();
                    planned = planned.with(Resource.therapist(best.therapist().id()), BookedSession.of(request.bookingId(), 0,
                            snapshot.branch().id(), feasible.blocked(), feasible.session()));
                    outcomes.add(new Moved(request, feasible, best));
                }
                case Plan.Infeasible infeasible -> outcomes.add(new Stuck(request, infeasible));
            }
        }
        return new Result(outcomes, order);
    }
}
