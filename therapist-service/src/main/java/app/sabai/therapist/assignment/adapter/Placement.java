package app.sabai.therapist.assignment.adapter;

import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.planning.Holding;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.RankedCandidate;

import java.util.List;
import java.util.Optional;

/** What the reservation engine made of one session: held, refused after a fresh check, or still contended. */
public sealed interface Placement {

    /**
     * The session is held: {@code taken} is what this attempt reserved now, {@code kept} what the booking
     * already held and keeps (a reassignment keeps its room and equipment).
     */
    record Placed(Plan.Feasible plan, RankedCandidate candidate, Optional<Room> room, Optional<EquipmentUnit> unit,
                  List<Holding> taken, List<Holding> kept, List<RankedCandidate> takenMeanwhile) implements Placement {

        public Placed {
            taken = List.copyOf(taken);
            kept = List.copyOf(kept);
            takenMeanwhile = List.copyOf(takenMeanwhile);
        }

        public List<Holding> holdings() {
            return java.util.stream.Stream.concat(taken.stream(), kept.stream()).toList();
        }
    }

    /** Nothing can be had; checked on a fresh read with every blocker confirmed as really held. */
    record Refused(Plan.Infeasible why, PlanningSnapshot snapshot) implements Placement {
    }

    /** What stands in the way is still being decided by another attempt: try again in a moment. */
    record Contended(String why) implements Placement {
    }
}
