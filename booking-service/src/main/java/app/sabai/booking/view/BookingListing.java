package app.sabai.booking.view;

import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.lifecycle.BookingSummary;
import app.sabai.support.web.FieldProblem;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A customer's bookings, one page at a time: filtered by status and by when the session starts, ordered soonest
 * session first (then by id), {@code size} (1 to 100, default 20) to a page, pages counted from 0.
 * {@code from} and {@code to} are ISO-8601 instants with offset ({@code from} included, {@code to} not) or dates,
 * read in each booking's branch zone (both included).
 */
public final class BookingListing {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final String ORDER = "soonest first";

    private BookingListing() {
    }

    /** The page asked for, or every problem with the parameters. */
    public sealed interface Parsed {
    }

    public record Query(Set<BookingStatus> statuses, Bound from, Bound to, int page, int size) implements Parsed {
    }

    public record Invalid(List<FieldProblem> problems) implements Parsed {
    }

    /** One end of the time filter: an instant, or a local date in the booking's zone. */
    public record Bound(Instant instant, LocalDate date) {

        boolean allowsFrom(BookingSummary booking) {
            return instant != null ? !booking.start().isBefore(instant) : !localDate(booking).isBefore(date);
        }

        boolean allowsTo(BookingSummary booking) {
            return instant != null ? booking.start().isBefore(instant) : !localDate(booking).isAfter(date);
        }

        private static LocalDate localDate(BookingSummary booking) {
            return LocalDateTime.ofInstant(booking.start(), booking.zone()).toLocalDate();
        }
    }

    /** Which ids fall on the page, in order, and how many there are in all. */
    public record Page(List<String> bookingIds, int page, int size, int totalItems) {

        public int totalPages() {
            return (totalItems + size - 1) / size;
        }
    }

    public static Parsed parse(List<String> status, String from, String to, String page, String size) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<BookingStatus> statuses = EnumSet.noneOf(BookingStatus.class);
        for (String value : status == null ? List.<String>of() : status) {
            for (String name : value.split(",", -1)) {
                try {
                    statuses.add(BookingStatus.valueOf(name.trim()));
                } catch (IllegalArgumentException unknown) {
                    problems.add(new FieldProblem("status", "'" + name + "' is not one of " + Arrays.stream(BookingStatus.values())
                            .map(Enum::name).collect(Collectors.joining(", "))));
                }
            }
        }
        Bound fromBound = bound("from", from, problems);
        Bound toBound = bound("to", to, problems);
        if (fromBound != null && toBound != null && fromBound.instant() != null && toBound.instant() != null
                && !toBound.instant().isAfter(fromBound.instant())) {
            problems.add(new FieldProblem("to", "must be after from"));
        } else if (fromBound != null && toBound != null && fromBound.date() != null && toBound.date() != null
                && toBound.date().isBefore(fromBound.date())) {
            problems.add(new FieldProblem("to", "must not be before from"));
        }
        int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE, problems);
        int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems);
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Query(statuses, fromBound, toBound, pageNumber, pageSize);
    }

    /** The page of the bookings that pass the filter, soonest session first. */
    public static Page page(List<BookingSummary> bookings, Query query) {
        List<BookingSummary> matching = bookings.stream()
                .filter(booking -> query.statuses().isEmpty() || query.statuses().contains(booking.status()))
                .filter(booking -> query.from() == null || query.from().allowsFrom(booking))
                .filter(booking -> query.to() == null || query.to().allowsTo(booking))
                .sorted(Comparator.comparing(BookingSummary::start).thenComparing(BookingSummary::bookingId))
                .toList();
        long first = (long) query.page() * query.size();
        List<String> ids = first >= matching.size() ? List.of() : matching.subList((int) first,
                (int) Math.min(matching.size(), first + query.size())).stream().map(BookingSummary::bookingId).toList();
        return new Page(ids, query.page(), query.size(), matching.size());
    }

    private static Bound bound(String field, String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new Bound(OffsetDateTime.parse(text.trim()).toInstant(), null);
        } catch (DateTimeException notAnInstant) {
            try {
                return new Bound(null, LocalDate.parse(text.trim()));
            } catch (DateTimeException notADate) {
                problems.add(new FieldProblem(field, "'" + text + "' must be an ISO-8601 date-time with offset, such as"
                        + " 2026-12-01T00:00:00Z, or a date, such as 2026-12-01"));
                return null;
            }
        }
    }

    private static int number(String field, String text, int absent, int min, int max, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // named below
        }
        problems.add(new FieldProblem(field, max == Integer.MAX_VALUE
                ? "'" + text + "' must be a whole number from " + min
                : "'" + text + "' must be a whole number between " + min + " and " + max));
        return absent;
    }
}
