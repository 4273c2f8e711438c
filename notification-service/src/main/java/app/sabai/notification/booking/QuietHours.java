package app.sabai.notification.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * When no SMS goes out: from {@code from} until {@code until} in the branch's zone (21:00–08:00), the night
 * between included. Email is never held back.
 *
 * <p>An SMS that falls in quiet hours waits until they end ({@link Timing.Defer}), unless that would be too
 * late to matter: when its deadline (the session's start, or an offer's expiry) is no later than the end of
 * the quiet hours, an urgent notice (the session moved, was cancelled, has a new therapist or none) is sent at
 * once, because the customer must know before they set off; anything else (a reminder, a confirmation, an
 * offer) is {@linkplain Timing.Skip skipped} with the reason: the email says the same, and nobody is woken
 * for it. A message without a deadline (a rejection, a course summary) always waits.
 */
public record QuietHours(LocalTime from, LocalTime until) {

    public static final QuietHours STANDARD = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    public QuietHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.equals(until)) {
            throw new IllegalArgumentException("Quiet hours need a length: " + from + "–" + until);
        }
    }

    /** When an SMS with this notice, due {@code at}, goes out; {@code deadline} may be null (none). */
    public Timing timing(Notice notice, Instant at, ZoneId zone, Instant deadline) {
        ZonedDateTime local = at.atZone(zone);
        if (!isQuiet(local.toLocalTime())) {
            return new Timing.SendNow();
        }
        Instant end = endAfter(local);
        if (deadline == null || deadline.isAfter(end)) {
            return new Timing.Defer(end);
        }
        if (notice.urgent()) {
            return new Timing.SendNow();
        }
        return new Timing.Skip("quiet hours (" + HOURS.format(from) + "–" + HOURS.format(until) + " " + zone.getId()
                + "), and the " + (notice == Notice.OFFER ? "offer ends" : "session starts") + " before they end");
    }

    boolean isQuiet(LocalTime time) {
        return from.isBefore(until)
                ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until);
    }

    /** The end of the quiet hours that {@code local} falls in (a DST gap at that time moves it later). */
    private Instant endAfter(ZonedDateTime local) {
        LocalDate day = local.toLocalTime().isBefore(until) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return day.atTime(until).atZone(local.getZone()).toInstant();
    }

    /** What quiet hours make of an SMS. */
    public sealed interface Timing {

        /** Not in quiet hours, or too urgent to wait. */
        record SendNow() implements Timing {
        }

        /** Sent when the quiet hours end. */
        record Defer(Instant until) implements Timing {
        }

        /** Not sent: waiting would make it pointless, and it is not urgent. */
        record Skip(String reason) implements Timing {
        }
    }
}
