package app.sabai.therapist.assignment;

import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.planning.RankedCandidate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The one-line summaries of decisions, written for the staff who read them. */
public final class Explanations {

    private Explanations() {
    }

    public static String winner(RankedCandidate winner, int eligible, Optional<Room> room, Optional<EquipmentUnit> unit,
                         List<RankedCandidate> takenMeanwhile) {
        List<String> parts = new ArrayList<>();
        parts.add(winner.therapist().name() + " (rank " + winner.rank() + " of " + eligible + "): "
                + String.join(", ", winner.reasons()));
        room.ifPresent(r -> parts.add("room " + r.name()));
        unit.ifPresent(u -> parts.add(u.name()));
        String summary = String.join("; ", parts);
        if (!takenMeanwhile.isEmpty()) {
            summary += "; taken by concurrent bookings meanwhile: "
                    + String.join(", ", takenMeanwhile.stream().map(c -> c.therapist().name()).toList());
        }
        return summary;
    }
}
