package app.sabai.notification.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.Locale;

/**
 * How long before the session a reminder goes out, as ISO-8601. A date-based amount ({@code P1D}) keeps
 * the local time in the branch's zone, so "the day before" is the same wall-clock time even across a DST
 * change; a time-based amount ({@code PT2H}) is exact elapsed time.
 */
public record LeadTime(String iso, TemporalAmount amount) {

    public static LeadTime parse(String text) {
        String iso = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        try {
            TemporalAmount amount = iso.contains("T") ? Duration.parse(iso) : Period.parse(iso);
            if (amount instanceof Duration duration && (duration.isNegative() || duration.isZero())
                    || amount instanceof Period period && (period.isNegative() || period.isZero())) {
                throw new IllegalArgumentException("A lead time must be positive: " + text);
            }
            return new LeadTime(iso, amount);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an ISO-8601 lead time such as P1D or PT2H: " + text, e);
        }
    }

    /** When a reminder with this lead time is due for a session starting at {@code start} in {@code zone}. */
    public Instant before(Instant start, ZoneId zone) {
        return start.atZone(zone).minus(amount).toInstant();
    }

    @Override
    public String toString() {
        return iso;
    }
}
