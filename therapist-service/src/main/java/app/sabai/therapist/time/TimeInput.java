package app.sabai.therapist.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads a time a person typed: an instant with its offset ({@code 2026-12-01T10:00:00Z},
 * {@code 2026-12-01T10:00+07:00}), a wall-clock time in the branch's zone ({@code 2026-12-01T10:00}), or a
 * date. A wall-clock time that a daylight-saving change skips does not exist; one it repeats needs its offset.
 */
public final class TimeInput {

    private TimeInput() {
    }

    /** An instant, or why the text is not one. */
    public sealed interface Parsed {
        record At(Instant instant) implements Parsed {
        }

        record Invalid(String reason) implements Parsed {
        }
    }

    /** Where a bare date points: the start of that day, or its end (the start of the next). */
    public enum DateMeans { START_OF_DAY, END_OF_DAY }

    public static Parsed parse(String text, ZoneId zone, DateMeans dateMeans) {
        if (text == null || text.isBlank()) {
            return new Parsed.Invalid("is required");
        }
        String value = text.strip();
        try {
            return new Parsed.At(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeException notWithOffset) {
            // a wall-clock time or a date, read below
        }
        try {
            return local(LocalDateTime.parse(value), zone);
        } catch (DateTimeException notLocal) {
            // maybe a date
        }
        try {
            LocalDate date = LocalDate.parse(value);
            LocalDate day = dateMeans == DateMeans.START_OF_DAY ? date : date.plusDays(1);
            return new Parsed.At(LocalTimes.boundary(day, LocalTime.MIDNIGHT, zone));
        } catch (DateTimeException notADate) {
            return new Parsed.Invalid("'" + value + "' is not an ISO-8601 date-time with offset (2026-12-01T10:00:00Z), "
                    + "a local date-time in " + zone + " (2026-12-01T10:00) or a date (2026-12-01)");
        }
    }

    private static Parsed local(LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return new Parsed.Invalid(local + " does not exist in " + zone + " (the clocks skip it for daylight saving)");
        }
        if (offsets.size() > 1) {
            return new Parsed.Invalid(local + " happens twice in " + zone + " (the clocks go back); give the offset, e.g. "
                    + local.atOffset(offsets.getFirst()) + " or " + local.atOffset(offsets.get(1)));
        }
        return new Parsed.At(local.toInstant(offsets.getFirst()));
    }
}
