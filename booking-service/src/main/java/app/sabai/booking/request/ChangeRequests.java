package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.support.web.FieldProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Checks the bodies of the commands that change a booking's plans. A new time is read exactly as a new
 * booking's ({@link SessionTiming}): in the booking's zone, in the future, within the horizon, within the
 * branch's opening hours when the branch is known, and not the time it already has.
 */
public final class ChangeRequests {

    static final int MAX_THERAPIST_ID_LENGTH = 100;

    private ChangeRequests() {
    }

    /** A valid move: the new session, and the therapist asked for (null when none). */
    public record ValidReschedule(Instant start, Instant end, String therapistId) {
    }

    public sealed interface RescheduleValidation {
    }

    public record Reschedule(ValidReschedule reschedule) implements RescheduleValidation {
    }

    public record InvalidReschedule(List<FieldProblem> problems) implements RescheduleValidation {
    }

    public static RescheduleValidation reschedule(RescheduleRequest request, ZoneId zone, int durationMinutes, Instant currentStart,
                                                  Optional<Branch> branch, Instant now) {
        RequestProblems problems = new RequestProblems();
        if (request == null) {
            problems.add("body", "is required: start (with offset) or startLocal (in the branch's time)");
            return new InvalidReschedule(problems.all());
        }
        String field = SessionTiming.field(request.start());
        Instant start = SessionTiming.start(request.start(), request.startLocal(), zone, now, problems);
        Instant end = start == null ? null : start.plus(Duration.ofMinutes(durationMinutes));
        if (start != null && start.equals(currentStart)) {
            problems.add(field, "is the time the booking already has");
        } else if (start != null && branch.isPresent()) {
            SessionTiming.outsideOpeningHours(branch.get(), start, end).ifPresent(message -> problems.add(field, message));
        }
        String therapistId = request.therapistId() == null ? null : request.therapistId().trim();
        if (therapistId != null && (therapistId.isEmpty() || therapistId.length() > MAX_THERAPIST_ID_LENGTH)) {
            problems.add("therapistId", "must be a therapist's id (1 to " + MAX_THERAPIST_ID_LENGTH + " characters), or null for the current therapist");
        }
        if (!problems.isEmpty()) {
            return new InvalidReschedule(problems.all());
        }
        return new Reschedule(new ValidReschedule(start, end, therapistId));
    }

    /** The reason given, trimmed (null when none), or the problem with it. */
    public static Optional<FieldProblem> cancellationProblem(CancellationRequest request) {
        if (request != null && request.reason() != null && request.reason().trim().length() > CancellationRequest.MAX_REASON_LENGTH) {
            return Optional.of(new FieldProblem("reason", "must be at most " + CancellationRequest.MAX_REASON_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    public static String reasonOf(CancellationRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            return null;
        }
        return request.reason().trim();
    }
}
