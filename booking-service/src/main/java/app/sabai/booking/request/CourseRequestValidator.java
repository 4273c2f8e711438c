package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.lifecycle.BookingDetails;
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
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a course request as a booking request is checked (branch, treatment, customer, preferences, areas, home visit,
 * intake), and each of its sessions as a booking's start: the local time on each date must exist in the branch's zone
 * and be had only once (a DST gap or overlap names the session, {@code sessions[3]}), lie in the future within the
 * booking horizon, and within the branch's opening hours.
 */
public final class CourseRequestValidator {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * @param branch       the catalogue entry for {@code request.branchId()}, empty when unknown
     * @param intakeOnFile the latest intake on the customer's file, given only when {@code customerId} names the file of
     *                     the request's email
     */
    public CourseValidation validate(CourseRequest request, Optional<Branch> branch, Optional<Intake> intakeOnFile, Instant now) {
        RequestProblems problems = new RequestProblems();

        Branch knownBranch = BookingRequestValidator.branch(request.branchId(), branch, problems);
        Technique technique = BookingRequestValidator.technique(request.technique(), problems);
        Integer duration = BookingRequestValidator.duration(request.durationMinutes(),
                BookingRequestValidator.offer(knownBranch, technique, problems), knownBranch, problems);
        Integer count = sessions(request.sessions(), problems);
        List<DayOfWeek> weekdays = weekdays(request.weekdays(), problems);
        LocalTime time = time(request.timeLocal(), problems);
        LocalDate firstDate = firstDate(request.firstDate(), knownBranch, now, problems);

        Customer customer = BookingRequestValidator.customer(request.customer(), problems);
        Preferences preferences = BookingRequestValidator.preferences(request.preferences(), problems);
        List<BodyArea> bodyAreas = BookingRequestValidator.bodyAreas(request.bodyAreas(), problems);
        HomeVisit homeVisit = BookingRequestValidator.homeVisit(request.homeVisit(), knownBranch, problems);
        Intake intake = BookingRequestValidator.intake(request.intake(), intakeOnFile, true, now, problems);

        List<BookingDetails> sessions = new ArrayList<>();
        if (knownBranch != null && duration != null && count != null && !weekdays.isEmpty() && time != null && firstDate != null) {
            List<LocalDate> dates = CourseDates.of(firstDate, EnumSet.copyOf(weekdays), count);
            for (int i = 0; i < dates.size(); i++) {
                Instant start = sessionStart(dates.get(i).atTime(time), knownBranch, duration, "sessions[" + i + "]", now, problems);
                if (start != null) {
                    sessions.add(new BookingDetails(knownBranch.id(), technique, duration, start, start.plus(Duration.ofMinutes(duration)),
                            knownBranch.zone(), customer, preferences, bodyAreas, homeVisit));
                }
            }
        }

        if (!problems.isEmpty()) {
            return new CourseValidation.Invalid(problems.all());
        }
        return new CourseValidation.Valid(new ValidCourse(knownBranch, weekdays, time, firstDate, sessions, intake,
                request.intake() != null));
    }

    private static Integer sessions(Integer sessions, RequestProblems problems) {
        if (sessions == null) {
            problems.add("sessions", "is required: how many sessions, " + CourseRequest.MIN_SESSIONS + " to " + CourseRequest.MAX_SESSIONS);
            return null;
        }
        if (sessions < CourseRequest.MIN_SESSIONS || sessions > CourseRequest.MAX_SESSIONS) {
            problems.add("sessions", "must be between " + CourseRequest.MIN_SESSIONS + " and " + CourseRequest.MAX_SESSIONS);
            return null;
        }
        return sessions;
    }

    /** The days named, in the order given, each once; empty (a problem noted) when none or any is not a day. */
    static List<DayOfWeek> weekdays(List<String> names, RequestProblems problems) {
        if (names == null || names.isEmpty()) {
            problems.add("weekdays", "is required: one or more of " + RequestProblems.accepted(DayOfWeek.class));
            return List.of();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<DayOfWeek> inOrder = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < names.size(); i++) {
            String field = "weekdays[" + i + "]";
            if (names.get(i) == null || names.get(i).isBlank()) {
                problems.add(field, "must be one of " + RequestProblems.accepted(DayOfWeek.class));
                valid = false;
                continue;
            }
            Optional<DayOfWeek> day = problems.oneOf(DayOfWeek.class, names.get(i), field);
            if (day.isEmpty()) {
                valid = false;
            } else if (days.add(day.get())) {
                inOrder.add(day.get());
            }
        }
        return valid ? List.copyOf(inOrder) : List.of();
    }

    private static LocalTime time(String text, RequestProblems problems) {
        if (text == null || text.isBlank()) {
            problems.add("timeLocal", "is required: the local time of every session in the branch's zone, such as 11:00");
            return null;
        }
        return localTime(text, "timeLocal", problems);
    }

    /** A local time of day such as 11:00; null with the problem noted under {@code field}. */
    static LocalTime localTime(String text, String field, RequestProblems problems) {
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeException e) {
            problems.add(field, "'" + text + "' is not a local time of day, such as 11:00");
            return null;
        }
    }

    private static LocalDate firstDate(String text, Branch branch, Instant now, RequestProblems problems) {
        if (text == null || text.isBlank()) {
            problems.add("firstDate", "is required: the date from which the sessions follow, such as 2026-12-01");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            problems.add("firstDate", "'" + text + "' is not an ISO-8601 date, such as 2026-12-01");
            return null;
        }
        if (branch != null && date.isBefore(LocalDate.ofInstant(now, branch.zone()))) {
            problems.add("firstDate", "must not be in the past (today is " + LocalDate.ofInstant(now, branch.zone()) + " in "
                    + branch.zone() + ")");
            return null;
        }
        return date;
    }

    private static Instant sessionStart(LocalDateTime local, Branch branch, int duration, String field, Instant now,
                                        RequestProblems problems) {
        String what = "the session on " + local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + local.format(DAY_TIME) + " (" + branch.zone() + ")";
        Instant start = switch (SessionStart.inZone(local, branch.zone())) {
            case SessionStart.Refused refused -> {
                problems.add(field, refused.message());
                yield null;
            }
            case SessionStart.At at -> SessionTiming.checked(at.instant(), what, field, now, problems);
        };
        if (start == null) {
            return null;
        }
        Optional<String> closed = SessionTiming.outsideOpeningHours(branch, start, start.plus(Duration.ofMinutes(duration)));
        if (closed.isPresent()) {
            problems.add(field, closed.get());
            return null;
        }
        return start;
    }
}
