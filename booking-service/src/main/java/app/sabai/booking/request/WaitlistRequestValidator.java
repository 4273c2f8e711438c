package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.intake.Intake;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Technique;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Checks a waitlist request: the branch, treatment and customer as for a booking; the window's ends as local date-times
 * or dates in the branch's zone (or instants with an offset), a local time the clocks skip refused and one they pass
 * twice needing the offset; the window in the future, long enough for the session and starting within the booking
 * horizon; the weekdays; the earliest and latest start times of day. Every field at fault is named.
 */
public final class WaitlistRequestValidator {

    public WaitlistValidation validate(WaitlistRequest request, Optional<Branch> branch, Optional<Intake> intakeOnFile, Instant now) {
        RequestProblems problems = new RequestProblems();

        Branch knownBranch = BookingRequestValidator.branch(request.branchId(), branch, problems);
        Technique technique = BookingRequestValidator.technique(request.technique(), problems);
        Integer duration = BookingRequestValidator.duration(request.durationMinutes(),
                BookingRequestValidator.offer(knownBranch, technique, problems), knownBranch, problems);
        ZoneId zone = knownBranch == null ? null : knownBranch.zone();
        Instant from = bound(request.from(), "from", true, zone, problems);
        Instant to = bound(request.to(), "to", false, zone, problems);
        if (from != null && to != null) {
            window(from, to, duration, now, problems);
        }
        List<DayOfWeek> weekdays = request.weekdays() == null ? List.of()
                : request.weekdays().isEmpty() ? noDays(problems) : CourseRequestValidator.weekdays(request.weekdays(), problems);
        LocalTime earliest = request.earliest() == null ? null : CourseRequestValidator.localTime(request.earliest(), "earliest", problems);
        LocalTime latest = request.latest() == null ? null : CourseRequestValidator.localTime(request.latest(), "latest", problems);
        if (earliest != null && latest != null && latest.isBefore(earliest)) {
            problems.add("latest", "must not be before earliest (" + earliest + ")");
        }

        Customer customer = BookingRequestValidator.customer(request.customer(), problems);
        if (request.customerId() != null && request.customerId().isBlank()) {
            problems.add("customerId", "must be the id of your customer file (shown on your earlier bookings), or be left out");
        }
        Preferences preferences = BookingRequestValidator.preferences(request.preferences(), problems);
        List<BodyArea> bodyAreas = BookingRequestValidator.bodyAreas(request.bodyAreas(), problems);
        HomeVisit homeVisit = BookingRequestValidator.homeVisit(request.homeVisit(), knownBranch, problems);
        Intake intake = BookingRequestValidator.intake(request.intake(), intakeOnFile, false, now, problems);

        if (!problems.isEmpty()) {
            return new WaitlistValidation.Invalid(problems.all());
        }
        return new WaitlistValidation.Valid(new ValidWaitlistEntry(knownBranch, technique, duration, from, to, weekdays, earliest,
                latest, customer, preferences, bodyAreas, homeVisit, intake, request.intake() != null));
    }

    private static List<DayOfWeek> noDays(RequestProblems problems) {
        problems.add("weekdays", "must name at least one of " + RequestProblems.accepted(DayOfWeek.class) + ", or be left out for any day");
        return List.of();
    }

    /**
     * One end of the window: a date (the start of that day as {@code from}, its end as {@code to}), a local date-time in
     * the branch's zone, or an instant with its offset. Null with the problem noted; left unread without a zone.
     */
    static Instant bound(String text, String field, boolean start, ZoneId zone, RequestProblems problems) {
        if (text == null || text.isBlank()) {
            problems.add(field, "is required: a local date-time or a date in the branch's time, such as 2026-12-01T09:00 or 2026-12-01");
            return null;
        }
        String value = text.trim();
        if (zone == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            return (start ? date : date.plusDays(1)).atStartOfDay(zone).toInstant();
        } catch (DateTimeException notADate) {
            // a date-time then
        }
        try {
            LocalDateTime local = LocalDateTime.parse(value);
            return switch (SessionStart.inZone(local, zone)) {
                case SessionStart.At at -> at.instant();
                case SessionStart.Refused refused -> {
                    problems.add(field, refused.message());
                    yield null;
                }
            };
        } catch (DateTimeException notLocal) {
            // an instant with its offset then
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            problems.add(field, "'" + text + "' is not a local date-time or a date, such as 2026-12-01T09:00 or 2026-12-01");
            return null;
        }
    }

    private static void window(Instant from, Instant to, Integer duration, Instant now, RequestProblems problems) {
        if (!to.isAfter(from)) {
            problems.add("to", "must be after from");
            return;
        }
        if (!to.isAfter(now)) {
            problems.add("to", "must be in the future");
            return;
        }
        if (from.isAfter(now.plus(SessionTiming.HORIZON))) {
            problems.add("from", "must be at most " + SessionTiming.HORIZON.toDays() + " days ahead (until "
                    + now.plus(SessionTiming.HORIZON).truncatedTo(ChronoUnit.MINUTES) + ")");
            return;
        }
        if (duration != null && Duration.between(from, to).toMinutes() < duration) {
            problems.add("to", "leaves no room for a " + duration + "-minute session after from");
        }
    }
}
