package app.sabai.therapist.roster;

import app.sabai.therapist.time.Interval;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Which booked sessions of a therapist a roster no longer covers. */
public final class Stranding {

    private Stranding() {
    }

    /** A booked session of the therapist at a branch in that zone. */
    public record BookedAt(String bookingId, String branchId, ZoneId zone, Interval session) {

        public LocalDate date() {
            return session.start().atZone(zone).toLocalDate();
        }
    }

    /** The sessions no shift of the roster covers at their branch. */
    public static List<BookedAt> stranded(Roster roster, List<BookedAt> sessions) {
        return sessions.stream().filter(session -> {
            Optional<Shift> shift = roster.shiftOn(session.date());
            return shift.isEmpty() || !shift.get().branchId().equals(session.branchId()) || !shift.get().covers(session.session(), session.zone());
        }).toList();
    }
}
