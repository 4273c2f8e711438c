package app.sabai.therapist.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** Wall-clock times of a branch and the instants they denote, safe across daylight-saving changes. */
public final class LocalTimes {

    private LocalTimes() {
    }

    /**
     * The instant a boundary such as an opening time or a shift end has on that date. A time inside a
     * daylight-saving gap moves forward by the gap, as a clock on the wall would.
     */
    public static Instant boundary(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** Every instant a wall-clock time denotes: none inside a gap, two inside an overlap (earlier first). */
    public static List<Instant> instantsOf(LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        return offsets.stream().map(local::toInstant).sorted().toList();
    }

    /** The branch's local date of an instant: the date its day documents are filed under. */
    public static LocalDate dateOf(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    public static LocalDateTime localOf(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDateTime();
    }
}
