package app.sabai.therapist.absence.adapter;

import app.sabai.contracts.assignments.TherapistAbsenceRecorded;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.absence.Absence;
import app.sabai.therapist.absence.AbsenceReason;
import app.sabai.therapist.absence.AbsenceRequest;
import app.sabai.therapist.absence.AbsenceStatus;
import app.sabai.therapist.assignment.ReplanOutcome;
import app.sabai.therapist.assignment.adapter.ReassignmentService;
import app.sabai.therapist.assignment.adapter.Replanner;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.TimeInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Records a therapist's absence and re-plans their bookings in it at once:
 * <ol>
 *   <li>the absence is added to the therapist's record ({@code RECORDING});</li>
 *   <li>it is filed in the therapist's day documents, so no reservation overlapping it can land any more;</li>
 *   <li>every booking they hold in it is re-planned as one decision ({@link Replanner});</li>
 *   <li>the outcomes and {@code TherapistAbsenceRecorded} are written in one update ({@code RECORDED}).</li>
 * </ol>
 * Each step can run again: a crash leaves the absence {@code RECORDING}, and recording it again (or the
 * next start of the service) finishes it.
 */
@Service
public class AbsenceService {

    private static final Logger log = LoggerFactory.getLogger(AbsenceService.class);

    static final Duration LONGEST = Duration.ofDays(92);
    static final int NOTE_LENGTH = 1000;

    private final Absences absences;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final Reservations reservations;
    private final Replanner replanner;
    private final Clock clock;

    AbsenceService(Absences absences, BranchCatalogue catalogue, TherapistDirectory directory, Reservations reservations,
                   Replanner replanner, Clock clock) {
        this.absences = absences;
        this.catalogue = catalogue;
        this.directory = directory;
        this.reservations = reservations;
        this.replanner = replanner;
        this.clock = clock;
    }

    /** The absence as recorded; {@code created} is false when the same absence was recorded before. */
    public record Recorded(Absence absence, boolean created) {
    }

    public Recorded record(String branchId, String therapistId, AbsenceRequest request) {
        Branch branch = branch(branchId);
        Therapist therapist = therapistAt(branch, therapistId);
        Absence wanted = validated(branch, therapist, request == null ? new AbsenceRequest(null, null, null, null) : request);
        Optional<Absence> existing = absences.find(therapistId, wanted.absenceId());
        if (existing.isPresent() && existing.get().status() == AbsenceStatus.RECORDED) {
            return new Recorded(existing.get(), false);
        }
        if (existing.isEmpty()) {
            absences.begin(wanted);
        } else if (existing.get().status() == AbsenceStatus.WITHDRAWN) {
            absences.reopen(wanted);
        }
        Absence recording = absences.find(therapistId, wanted.absenceId()).orElseThrow();
        return new Recorded(replan(recording), true);
    }

    /** Finishes an absence whose re-plan was interrupted. */
    public Absence resume(Absence absence) {
        return replan(absence);
    }

    public List<Absence> of(String branchId, String therapistId) {
        therapistAt(branch(branchId), therapistId);
        return absences.of(therapistId);
    }

    /**
     * Withdraws the absence: the therapist takes bookings in the period again; bookings moved away stay where
     * they are. Withdrawing it again changes nothing.
     */
    public Absence withdraw(String branchId, String therapistId, String absenceId) {
        therapistAt(branch(branchId), therapistId);
        Absence absence = absences.find(therapistId, absenceId).orElseThrow(() -> new NotFoundException("absence", absenceId));
        if (absence.status() != AbsenceStatus.WITHDRAWN) {
            Instant now = clock.instant();
            reservations.unblock(Resource.therapist(therapistId), absence.period(), absenceId);
            if (absences.withdrawn(therapistId, absenceId, now, new TherapistAbsenceWithdrawn(UUID.randomUUID(), now, absenceId,
                    therapistId, branchId, absence.from(), absence.to()))) {
                log.info("Absence {} of {} withdrawn", absenceId, therapistId);
            }
        }
        return absences.find(therapistId, absenceId).orElseThrow();
    }

    private Absence replan(Absence absence) {
        Resource therapist = Resource.therapist(absence.therapistId());
        reservations.block(therapist, BookedSession.absence(absence.absenceId(), absence.reason().name(), absence.branchId(),
                absence.period()));
        ReassignmentService.Cause cause = new ReassignmentService.Cause(
                "absent (" + absence.reason().name().toLowerCase(Locale.ROOT) + ")", absence.absenceId());
        Replanner.Replanned replanned = replanner.replan(absence.therapistId(), absence.period(), cause,
                absence.affectedBookingIds(), affected -> absences.affecting(absence.therapistId(), absence.absenceId(), affected));
        List<String> moved = replanned.outcomes().stream().filter(outcome -> outcome.result() == ReplanOutcome.Result.MOVED)
                .map(ReplanOutcome::bookingId).toList();
        List<String> unmoved = replanned.outcomes().stream().filter(outcome -> outcome.result() == ReplanOutcome.Result.NEEDS_ATTENTION)
                .map(ReplanOutcome::bookingId).toList();
        Instant now = clock.instant();
        TherapistAbsenceRecorded event = new TherapistAbsenceRecorded(UUID.randomUUID(), now, absence.absenceId(), absence.therapistId(),
                absence.branchId(), absence.from(), absence.to(), absence.reason().name(),
                replanned.outcomes().stream().map(ReplanOutcome::bookingId).toList(), moved, unmoved);
        if (absences.recorded(absence.therapistId(), absence.absenceId(), replanned.outcomes(), replanned.order(), event)) {
            log.info("Absence {} of {} recorded: {} booking(s) moved, {} need attention", absence.absenceId(), absence.therapistId(),
                    moved.size(), unmoved.size());
        }
        return absences.find(absence.therapistId(), absence.absenceId()).orElseThrow();
    }

    private Absence validated(Branch branch, Therapist therapist, AbsenceRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant from = instant("from", request.from(), branch, TimeInput.DateMeans.START_OF_DAY, problems);
        Instant to = instant("to", request.to(), branch, TimeInput.DateMeans.END_OF_DAY, problems);
        AbsenceReason reason = null;
        if (request.reason() == null || request.reason().isBlank()) {
            problems.add(new FieldProblem("reason", "is required: one of " + Arrays.toString(AbsenceReason.values())));
        } else {
            try {
                reason = AbsenceReason.valueOf(request.reason().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                problems.add(new FieldProblem("reason", "'" + request.reason() + "' is not one of " + Arrays.toString(AbsenceReason.values())));
            }
        }
        if (request.note() != null && request.note().length() > NOTE_LENGTH) {
            problems.add(new FieldProblem("note", "must be at most " + NOTE_LENGTH + " characters"));
        }
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                problems.add(new FieldProblem("to", "must be after from"));
            } else if (Duration.between(from, to).compareTo(LONGEST) > 0) {
                problems.add(new FieldProblem("to", "an absence can last at most " + LONGEST.toDays() + " days; record a longer one in parts"));
            } else if (!to.isAfter(clock.instant())) {
                problems.add(new FieldProblem("to", "is in the past; an absence that has ended changes nothing"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return Absence.recording(therapist.id(), branch.id(), new Interval(from, to), reason,
                request.note() == null || request.note().isBlank() ? null : request.note().strip(), clock.instant());
    }

    private static Instant instant(String field, String text, Branch branch, TimeInput.DateMeans dateMeans, List<FieldProblem> problems) {
        return switch (TimeInput.parse(text, branch.zone(), dateMeans)) {
            case TimeInput.Parsed.At at -> at.instant();
            case TimeInput.Parsed.Invalid invalid -> {
                problems.add(new FieldProblem(field, invalid.reason()));
                yield null;
            }
        };
    }

    private Branch branch(String branchId) {
        return catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
    }

    private Therapist therapistAt(Branch branch, String therapistId) {
        return directory.find(therapistId).filter(therapist -> therapist.worksAt(branch.id()))
                .orElseThrow(() -> new NotFoundException("therapist at branch " + branch.id(), therapistId));
    }
}
