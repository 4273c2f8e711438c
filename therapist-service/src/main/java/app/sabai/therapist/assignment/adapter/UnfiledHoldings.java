package app.sabai.therapist.assignment.adapter;

import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Holding;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.schedule.adapter.Reservations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a row of requests holds and has not filed yet. Each request of the row is planned on what this instance knows with
 * these added ({@link #over}), so that none plans on what one before it took; then they are filed together, one request
 * per kind of resource ({@link Reservations#reserveAll}). The guarded writes still decide: a filing refused there (another
 * instance, or a staff move, got there first) is taken back with the rest of its booking's, and that booking is placed
 * again alone.
 */
final class UnfiledHoldings implements ReservationEngine.Holdings {

    private final List<Reservations.Filing> filings = new ArrayList<>();

    @Override
    public boolean reserve(Resource resource, BookedSession session) {
        filings.add(new Reservations.Filing(resource, session));
        return true;
    }

    @Override
    public void release(Holding holding, String bookingId) {
        filings.removeIf(filing -> filing.resource().equals(holding.resource()) && bookingId.equals(filing.session().bookingId())
                && filing.session().attempt() == holding.attempt());
    }

    /** The snapshot with what these hold added to what it holds. */
    PlanningSnapshot over(PlanningSnapshot snapshot) {
        if (filings.isEmpty()) {
            return snapshot;
        }
        Map<Resource, List<BookedSession>> held = new HashMap<>();
        filings.forEach(filing -> held.computeIfAbsent(filing.resource(), resource -> new ArrayList<>()).add(filing.session()));
        return snapshot.with(snapshot.occupancy().with(held));
    }

    boolean isEmpty() {
        return filings.isEmpty();
    }

    /**
     * Files everything held here and forgets it. Answers the bookings that got less than they planned: what they did get is
     * given back, so each holds nothing under its attempt and may be placed again.
     */
    Set<String> file(Reservations reservations) {
        if (filings.isEmpty()) {
            return Set.of();
        }
        List<Reservations.Filing> filing = List.copyOf(filings);
        filings.clear();
        List<Boolean> landed = reservations.reserveAll(filing);
        Set<String> refused = new HashSet<>();
        for (int i = 0; i < filing.size(); i++) {
            if (!landed.get(i)) {
                refused.add(filing.get(i).session().bookingId());
            }
        }
        for (int i = 0; i < filing.size(); i++) {
            BookedSession session = filing.get(i).session();
            if (landed.get(i) && refused.contains(session.bookingId())) {
                reservations.release(filing.get(i).resource(), session.blocked(), session.bookingId(), session.attempt());
            }
        }
        return refused;
    }
}
