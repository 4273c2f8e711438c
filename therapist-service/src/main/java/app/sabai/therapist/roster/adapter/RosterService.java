package app.sabai.therapist.roster.adapter;

import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.ReplanOutcome;
import app.sabai.therapist.assignment.adapter.ReassignmentService;
import app.sabai.therapist.assignment.adapter.Replanner;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.roster.DayChange;
import app.sabai.therapist.roster.OpenedTime;
import app.sabai.therapist.roster.Roster;
import app.sabai.therapist.roster.RosterRequests;
import app.sabai.therapist.roster.RosterView;
import app.sabai.therapist.roster.StrandedBookings;
import app.sabai.therapist.roster.Stranding;
import app.sabai.therapist.roster.WeeklyShift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.Interval;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Changes a therapist's roster without leaving a booked session behind: before the change, the sessions it
 * would strand are found and the change is refused naming them, or (when asked) made and those bookings
 * re-planned at once as for an absence. A booking that lands between that check and the write is caught
 * by the same check after the write, and re-planned. The change's event names the working time it adds, found by
 * comparing the roster written with the one it replaced, so customers waiting for such time can be offered it.
 */
@Service
public class RosterService {

    static final Duration HORIZON = Replanner.HORIZON;
    static final int DAYS_SHOWN = 28;

    private final Rosters rosters;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final Replanner replanner;
    private final Clock clock;

    RosterService(Rosters rosters, BranchCatalogue catalogue, TherapistDirectory directory, Replanner replanner, Clock clock) {
        this.rosters = rosters;
        this.catalogue = catalogue;
        this.directory = directory;
        this.replanner = replanner;
        this.clock = clock;
    }

    public RosterView view(String branchId, String therapistId, LocalDate from, LocalDate to) {
        Branch branch = branch(branchId);
        Therapist therapist = therapistAt(branch, therapistId);
        LocalDate first = from != null ? from : today(branch);
        LocalDate last = to != null ? to : first.plusDays(DAYS_SHOWN - 1);
        if (last.isBefore(first) || Duration.ofDays(last.toEpochDay() - first.toEpochDay()).compareTo(HORIZON) > 0) {
            throw new InvalidRequestException("to", "must be on or after from, and at most " + HORIZON.toDays() + " days after it");
        }
        return RosterView.of(rosters.of(therapistId), therapist.name(), first, last, List.of());
    }

    public RosterView setWeekly(String branchId, String therapistId, RosterRequests.Weekly request) {
        Branch branch = branch(branchId);
        Therapist therapist = therapistAt(branch, therapistId);
        List<WeeklyShift> pattern = validWeekly(branch, therapist, request);
        return apply(branch, therapist, roster -> roster.withWeekly(pattern), policy(request == null ? null : request.stranded()), "shifts");
    }

    public RosterView setDay(String branchId, String therapistId, LocalDate date, RosterRequests.Day request) {
        Branch branch = branch(branchId);
        Therapist therapist = therapistAt(branch, therapistId);
        DayChange change = validDay(branch, therapist, date, request);
        return apply(branch, therapist, roster -> roster.withChange(change, today(branch).minusDays(Rosters.CHANGES_KEPT_DAYS)),
                policy(request == null ? null : request.stranded()), "date");
    }

    public RosterView clearDay(String branchId, String therapistId, LocalDate date, StrandedBookings stranded) {
        Branch branch = branch(branchId);
        Therapist therapist = therapistAt(branch, therapistId);
        return apply(branch, therapist, roster -> roster.withoutChange(date), policy(stranded), "date");
    }

    private RosterView apply(Branch branch, Therapist therapist, UnaryOperator<Roster> change, StrandedBookings policy, String field) {
        Interval ahead = new Interval(clock.instant(), clock.instant().plus(HORIZON));
        List<Stranding.BookedAt> before = Stranding.stranded(change.apply(rosters.of(therapist.id())), booked(therapist, ahead));
        if (!before.isEmpty() && policy == StrandedBookings.REFUSE) {
            throw new StrandingRefused(field, before, "their therapist", true);
        }
        LocalDate from = today(branch);
        // From the day before: a shift of that date at a branch in a zone behind this one may still be running.
        List<LocalDate> dates = from.minusDays(1).datesUntil(from.plusDays(HORIZON.toDays() + 1)).toList();
        Map<String, ZoneId> zones = zones();
        Roster written = rosters.change(therapist.id(), change, (replaced, roster) -> List.of(new TherapistRosterChanged(UUID.randomUUID(),
                clock.instant(), therapist.id(), branch.id(),
                roster.weekly().stream().map(shift -> new TherapistRosterChanged.Weekly(shift.day(), shift.branchId(), shift.start(),
                        shift.end())).toList(),
                roster.changes().stream().filter(day -> !day.date().isBefore(from)).map(day -> new TherapistRosterChanged.Change(day.date(),
                        day.branchId(), day.start(), day.end())).toList(),
                before.stream().map(Stranding.BookedAt::bookingId).toList(),
                OpenedTime.between(replaced, roster, dates, id -> Optional.ofNullable(zones.get(id)), clock.instant()).stream()
                        .map(opened -> new TherapistRosterChanged.Opened(opened.branchId(), opened.interval().start(),
                                opened.interval().end())).toList())));
        Set<String> stranded = new HashSet<>();
        before.forEach(session -> stranded.add(session.bookingId()));
        Stranding.stranded(written, booked(therapist, ahead)).forEach(session -> stranded.add(session.bookingId()));
        List<ReplanOutcome> replanned = List.of();
        if (!stranded.isEmpty()) {
            replanned = replanner.replan(therapist.id(), ahead, new ReassignmentService.Cause("no longer on the roster then", null),
                    List.of(), affected -> { }, record -> stranded.contains(record.id())).outcomes();
        }
        LocalDate today = today(branch);
        return RosterView.of(written, therapist.name(), today, today.plusDays(DAYS_SHOWN - 1), replanned);
    }

    /** The therapist's booked future sessions, each with its branch's zone. */
    private List<Stranding.BookedAt> booked(Therapist therapist, Interval ahead) {
        List<AssignmentRecord> holders = replanner.holders(therapist.id(), ahead);
        Map<String, ZoneId> zones = zones();
        Instant now = clock.instant();
        return holders.stream()
                .filter(record -> record.start().isAfter(now) && zones.containsKey(record.branchId()))
                .map(record -> new Stranding.BookedAt(record.id(), record.branchId(), zones.get(record.branchId()), record.session()))
                .toList();
    }

    private Map<String, ZoneId> zones() {
        return catalogue.all().stream().collect(Collectors.toMap(Branch::id, Branch::zone));
    }

    private List<WeeklyShift> validWeekly(Branch branch, Therapist therapist, RosterRequests.Weekly request) {
        if (request == null || request.shifts() == null) {
            throw new InvalidRequestException("shifts", "is required: the weekly pattern, one entry per working weekday (an empty list means no work)");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Set<DayOfWeek> days = new HashSet<>();
        List<WeeklyShift> pattern = new ArrayList<>();
        for (int i = 0; i < request.shifts().size(); i++) {
            RosterRequests.Entry entry = request.shifts().get(i);
            String at = "shifts[" + i + "]";
            if (entry == null) {
                problems.add(new FieldProblem(at, "must be a shift"));
                continue;
            }
            if (entry.day() == null) {
                problems.add(new FieldProblem(at + ".day", "is required (MONDAY … SUNDAY)"));
            } else if (!days.add(entry.day())) {
                problems.add(new FieldProblem(at + ".day", entry.day() + " is listed twice; a therapist has one shift a day"));
            }
            String branchId = entry.branchId() == null || entry.branchId().isBlank() ? branch.id() : entry.branchId().strip();
            worksThere(therapist, branchId, at + ".branchId").ifPresent(problems::add);
            hours(entry.start(), entry.end(), at).ifPresent(problems::add);
            if (problems.isEmpty()) {
                pattern.add(new WeeklyShift(entry.day(), branchId, entry.start(), entry.end()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return pattern;
    }

    private DayChange validDay(Branch branch, Therapist therapist, LocalDate date, RosterRequests.Day request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (date.isBefore(today(branch))) {
            problems.add(new FieldProblem("date", date + " is in the past"));
        }
        if (request == null) {
            throw new InvalidRequestException("body", "is required: {\"start\", \"end\"} (and \"branchId\" for another branch) or {\"off\": true}");
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > 500) {
            problems.add(new FieldProblem("note", "must be at most 500 characters"));
        }
        if (Boolean.TRUE.equals(request.off())) {
            if (request.start() != null || request.end() != null) {
                problems.add(new FieldProblem("off", "a day off has no start or end"));
            }
            refuseIfAny(problems);
            return DayChange.off(date, note);
        }
        String branchId = request.branchId() == null || request.branchId().isBlank() ? branch.id() : request.branchId().strip();
        worksThere(therapist, branchId, "branchId").ifPresent(problems::add);
        hours(request.start(), request.end(), null).ifPresent(problems::add);
        refuseIfAny(problems);
        return new DayChange(date, branchId, request.start(), request.end(), note);
    }

    private Optional<FieldProblem> worksThere(Therapist therapist, String branchId, String field) {
        if (catalogue.find(branchId).isEmpty()) {
            return Optional.of(new FieldProblem(field, "no branch '" + branchId + "'"));
        }
        if (!therapist.worksAt(branchId)) {
            return Optional.of(new FieldProblem(field, therapist.name() + " neither belongs to nor covers " + branchId));
        }
        return Optional.empty();
    }

    private static Optional<FieldProblem> hours(LocalTime start, LocalTime end, String at) {
        String prefix = at == null ? "" : at + ".";
        if (start == null || end == null) {
            return Optional.of(new FieldProblem(prefix + (start == null ? "start" : "end"), "is required (a local time such as 09:00)"));
        }
        if (!end.isAfter(start)) {
            return Optional.of(new FieldProblem(prefix + "end", "must be after start"));
        }
        return Optional.empty();
    }

    private static StrandedBookings policy(StrandedBookings requested) {
        return requested == null ? StrandedBookings.REFUSE : requested;
    }

    private static void refuseIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private LocalDate today(Branch branch) {
        return LocalDate.now(clock.withZone(branch.zone()));
    }

    private Branch branch(String branchId) {
        return catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
    }

    private Therapist therapistAt(Branch branch, String therapistId) {
        return directory.find(therapistId).filter(therapist -> therapist.worksAt(branch.id()))
                .orElseThrow(() -> new NotFoundException("therapist at branch " + branch.id(), therapistId));
    }
}
