package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.SlotSearch;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The nearest free times offered when a session cannot be had as asked: the requested day first, from the
 * snapshot already read, then the following days from one more snapshot read only when the day has too few.
 */
@Component
public class Alternatives {

    public static final int WANTED = 5;
    /** Alternatives are searched on the requested day and this many days after it. */
    static final int DAYS_AFTER = 13;

    private final SnapshotLoader snapshots;
    private final Clock clock;

    Alternatives(SnapshotLoader snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    public List<Alternative> nearest(PlanningSnapshot sameDay, SessionRequest wanted, RejectionReason reason) {
        if (reason == RejectionReason.NO_QUALIFIED_THERAPIST) {
            return List.of();
        }
        return nearest(sameDay, wanted);
    }

    public List<Alternative> nearest(PlanningSnapshot sameDay, SessionRequest wanted) {
        Branch branch = sameDay.branch();
        Instant now = clock.instant();
        LocalDate day = branch.localDateOf(wanted.session().start());
        List<Alternative> found = new ArrayList<>(SlotSearch.alternatives(sameDay, wanted, List.of(day), now, WANTED));
        if (found.size() < WANTED) {
            List<LocalDate> later = day.plusDays(1).datesUntil(day.plusDays(DAYS_AFTER + 1)).toList();
            PlanningSnapshot laterDays = snapshots.fromView(branch, sameDay.therapists(), later);
            found.addAll(SlotSearch.alternatives(laterDays, wanted, later, now, WANTED - found.size()));
        }
        return found;
    }
}
