package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.contracts.branches.OpeningHours;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When a session asked for starts, read the same way for a new booking and a move: {@code start} is an ISO-8601
 * instant with offset, {@code startLocal} a local date-time in the branch's zone (a time the clocks skip is
 * refused, one they pass twice needs the offset); exactly one of them, in the future and within the booking
 * horizon, and the session within the branch's opening hours.
 */
final class SessionTiming {

    static final Duration HORIZON = Duration.ofDays(90);
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private SessionTiming() {
    }

    /** The field a problem with the start is named under: {@code start} when it was sent, {@code startLocal} otherwise. */
    static String field(String start) {
        return start != null && !start.isBlank() ? "start" : "startLocal";
    }

    /** The start asked for, or null with the problem noted. A local time needs {@code zone}; without one it is left unread (the zone is the problem). */
    static Instant start(String start, String startLocal, ZoneId zone, Instant now, RequestProblems problems) {
        boolean hasStart = start != null && !start.isBlank();
        boolean hasLocal = startLocal != null && !startLocal.isBlank();
        if (hasStart && hasLocal) {
            problems.add("start", "give either start (with offset) or startLocal (in the branch's time), not both");
            return null;
        }
        if (!hasStart && !hasLocal) {
            problems.add("start", "is required: an ISO-8601 time with offset, such as 2026-12-01T10:00:00Z,"
                    + " or startLocal in the branch's time, such as 2026-12-01T10:00");
            return null;
        }
        String field = hasStart ? "start" : "startLocal";
        SessionStart.Resolution resolution;
        if (hasStart) {
            resolution = SessionStart.ofInstant(start);
        } else if (zone != null) {
            resolution = SessionStart.ofLocal(startLocal, zone);
        } else {
            return null;
        }
        return switch (resolution) {
            case SessionStart.Refused refused -> {
                problems.add(field, refused.message());
                yield null;
            }
            case SessionStart.At at when !at.instant().isAfter(now) -> {
                problems.add(field, "must be in the future");
                yield null;
            }
            case SessionStart.At at when at.instant().isAfter(now.plus(HORIZON)) -> {
                problems.add(field, "must be at most " + HORIZON.toDays() + " days ahead (until "
                        + now.plus(HORIZON).truncatedTo(ChronoUnit.MINUTES) + ")");
                yield null;
            }
            case SessionStart.At at -> at.instant();
        };
    }

    /**
     * A start read otherwise (a course's session), checked like any: in the future and within the booking horizon.
     * {@code what} names it in the message. Null with the problem noted under {@code field}.
     */
    static Instant checked(Instant at, String what, String field, Instant now, RequestProblems problems) {
        if (!at.isAfter(now)) {
            problems.add(field, what + " must be in the future");
            return null;
        }
        if (at.isAfter(now.plus(HORIZON))) {
            problems.add(field, what + " must be at most " + HORIZON.toDays() + " days ahead (until "
                    + now.plus(HORIZON).truncatedTo(ChronoUnit.MINUTES) + ")");
            return null;
        }
        return at;
    }

    /** Empty when the session lies within one of the branch's opening periods on its local date. */
    static Optional<String> outsideOpeningHours(Branch branch, Instant start, Instant end) {
        LocalDateTime localStart = LocalDateTime.ofInstant(start, branch.zone());
        LocalDateTime localEnd = LocalDateTime.ofInstant(end, branch.zone());
        LocalDate date = localStart.toLocalDate();
        List<OpeningHours> hours = branch.hoursOn(date.getDayOfWeek());
        String day = date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (hours.isEmpty()) {
            return Optional.of(branch.displayName() + " is closed on " + day + "s");
        }
        for (OpeningHours period : hours) {
            LocalDateTime opens = date.atTime(period.opens());
            LocalDateTime closes = period.closes().isAfter(period.opens())
                    ? date.atTime(period.closes())
                    : date.plusDays(1).atTime(period.closes());
            if (!localStart.isBefore(opens) && !localEnd.isAfter(closes)) {
                return Optional.empty();
            }
        }
        return Optional.of("the session " + localStart.toLocalTime().format(HOUR_MINUTE) + "–"
                + localEnd.toLocalTime().format(HOUR_MINUTE) + " (" + branch.zone() + ") is outside the opening hours of "
                + branch.displayName() + " on " + day + " " + date + ": " + hours.stream()
                .map(period -> period.opens().format(HOUR_MINUTE) + "–" + closing(period.closes()))
                .collect(Collectors.joining(", ")));
    }

    private static String closing(LocalTime closes) {
        return closes.equals(LocalTime.MIDNIGHT) ? "24:00" : closes.format(HOUR_MINUTE);
    }
}
