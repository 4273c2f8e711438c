package app.sabai.booking.waitlist;

import app.sabai.contracts.values.Technique;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What a waitlisted customer waits for: a session of the technique and length that lies within {@code [from, to)},
 * starts on one of {@code weekdays} (empty: any day) and, as a local time in the branch's {@code zone}, no earlier than
 * {@code earliest} and no later than {@code latest} (null: any time).
 */
public record Wish(Technique technique, int durationMinutes, ZoneId zone, Instant from, Instant to, List<DayOfWeek> weekdays,
                   LocalTime earliest, LocalTime latest) {

    public Wish {
        weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    /** Whether a session starting at {@code start} is one the customer waits for. */
    public boolean fits(Instant start) {
        if (start.isBefore(from) || start.plus(duration()).isAfter(to)) {
            return false;
        }
        ZonedDateTime local = start.atZone(zone);
        if (!weekdays.isEmpty() && !weekdays.contains(local.getDayOfWeek())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return (earliest == null || !time.isBefore(earliest)) && (latest == null || !time.isAfter(latest));
    }

    /** Nothing can fit any more: the window has passed. */
    public boolean passed(Instant now) {
        return !to.isAfter(now.plus(duration()));
    }
}
