package app.sabai.booking.request;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/**
 * When a session starts: an ISO-8601 instant with its offset ({@code start}), or a local date-time read in
 * the branch's zone ({@code startLocal}). A local time the clocks skip (DST gap) does not exist and is
 * refused; one they pass twice (DST overlap) is ambiguous and needs the offset.
 */
public final class SessionStart {

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    public sealed interface Resolution {
    }

    public record At(Instant instant) implements Resolution {
    }

    public record Refused(String message) implements Resolution {
    }

    private SessionStart() {
    }

    public static Resolution ofInstant(String text) {
        try {
            return new At(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeException notWithOffset) {
            try {
                LocalDateTime.parse(text.trim());
                return new Refused("'" + text + "' has no offset: send it with one, such as 2026-12-01T10:00:00Z,"
                        + " or send it as startLocal in the branch's time");
            } catch (DateTimeException notLocalEither) {
                return new Refused("'" + text + "' is not an ISO-8601 date-time with offset, such as 2026-12-01T10:00:00Z");
            }
        }
    }

    public static Resolution ofLocal(String text, ZoneId zone) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text.trim());
        } catch (DateTimeException e) {
            return new Refused("'" + text + "' is not an ISO-8601 local date-time, such as 2026-12-01T10:00"
                    + " (for a time with offset, use start)");
        }
        return inZone(local, zone);
    }

    public static Resolution inZone(LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return new At(local.atOffset(offsets.get(0)).toInstant());
        }
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        String change = "clocks change from " + transition.getDateTimeBefore().toLocalTime().format(HOUR_MINUTE)
                + " to " + transition.getDateTimeAfter().toLocalTime().format(HOUR_MINUTE) + " that night";
        if (offsets.isEmpty()) {
            return new Refused(local + " does not exist in " + zone + " (" + change + "): choose another time");
        }
        return new Refused(local + " happens twice in " + zone + " (" + change + "): send start with the offset"
                + " instead, " + local.atOffset(offsets.get(0)) + " for the first or " + local.atOffset(offsets.get(1))
                + " for the second");
    }
}
