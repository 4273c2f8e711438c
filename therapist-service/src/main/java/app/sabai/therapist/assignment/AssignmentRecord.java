package app.sabai.therapist.assignment;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.planning.Holding;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.ResourceKind;
import app.sabai.therapist.time.Interval;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The {@code assignments} document of one booking ({@code _id} = bookingId), as read. Besides these
 * fields it carries {@code appliedEventIds} and the {@code outbox} of its events.
 *
 * <p>{@code attempt} counts the claims on the booking: each planning attempt and each move (a staff
 * reassignment, an absence re-plan) claims the next number and tags what it reserves with it. What the
 * booking holds for good is listed in {@code reservation.holdings}; anything else filed under its id is
 * either still being decided by the latest claim or left behind by an earlier one (see {@link #liveness}).
 */
public record AssignmentRecord(
        String id,
        String branchId,
        AssignmentStatus status,
        int attempt,
        Technique technique,
        Instant start,
        Instant end,
        ZoneId zone,
        Integer durationMinutes,
        String customerName,
        CareRequirements requirements,
        Preferences preferences,
        Reservation reservation,
        Rejection rejection,
        Unassigned unassigned,
        AssignmentExplanation explanation,
        Move move,
        List<Change> changes,
        Instant requestedAt,
        Instant decidedAt) {

    public AssignmentRecord {
        changes = changes == null ? List.of() : List.copyOf(changes);
        requirements = requirements == null ? CareRequirements.none() : requirements;
        preferences = preferences == null ? Preferences.none() : preferences;
    }

    /**
     * What an assigned booking holds; {@code blockedStart}/{@code blockedEnd} include changeover or travel.
     * {@code therapistId} is null while the booking is {@code UNASSIGNED}.
     */
    public record Reservation(String therapistId, String therapistName, String roomId, List<String> equipmentIds,
                              Instant blockedStart, Instant blockedEnd, List<Held> holdings) {

        public Reservation {
            equipmentIds = equipmentIds == null ? List.of() : List.copyOf(equipmentIds);
            holdings = holdings == null ? List.of() : List.copyOf(holdings);
        }

        public Interval blocked() {
            return new Interval(blockedStart, blockedEnd);
        }

        public List<Holding> asHoldings() {
            return holdings.stream().map(Held::asHolding).toList();
        }

        public Optional<Held> held(ResourceKind kind) {
            return holdings.stream().filter(held -> held.kind() == kind).findFirst();
        }
    }

    /** One resource held, as stored (never a field named {@code id} in a nested document). */
    public record Held(ResourceKind kind, String resourceId, int attempt, Instant start, Instant end) {

        public static Held of(Holding holding) {
            return new Held(holding.resource().kind(), holding.resource().id(), holding.attempt(), holding.blocked().start(),
                    holding.blocked().end());
        }

        public Holding asHolding() {
            return new Holding(new Resource(kind, resourceId), attempt, new Interval(start, end));
        }
    }

    public record Rejection(RejectionReason reason, String detail, List<Alternative> alternatives) {

        public Rejection {
            alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        }
    }

    /** Why the booking has no therapist now, and the nearest times someone could give it. */
    public record Unassigned(String lostTherapistId, String lostTherapistName, String reason, String absenceId,
                             List<Alternative> alternatives, Instant since) {

        public Unassigned {
            alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        }
    }

    /** A move in flight: it claimed {@code attempt} (the record's latest) at {@code startedAt}. */
    public record Move(String kind, String absenceId, Instant startedAt) {
    }

    /** A past move of the booking from one therapist to another (or to nobody). */
    public record Change(Instant at, String fromTherapistId, String toTherapistId, String reason, String absenceId) {
    }

    public enum Liveness {
        /** Part of what the booking holds. */
        HELD,
        /** Taken by the latest claim, which may still keep or release it. */
        IN_FLIGHT,
        /** Taken by a move whose process stopped answering: it may be aborted, then released. */
        ABANDONED,
        /** Left behind by an earlier attempt or a finished move: anyone may release it. */
        STALE
    }

    /** Whether a session filed under this booking's id with {@code sessionAttempt} on the resource still counts. */
    public Liveness liveness(Resource resource, int sessionAttempt, Instant now, Duration moveLease) {
        if (status == AssignmentStatus.RELEASED || status == AssignmentStatus.REJECTED) {
            return Liveness.STALE;
        }
        if (reservation != null && reservation.asHoldings().stream().anyMatch(held -> held.matches(resource, sessionAttempt))) {
            return Liveness.HELD;
        }
        if (sessionAttempt != attempt) {
            return Liveness.STALE;
        }
        if (status == AssignmentStatus.PLANNING) {
            return Liveness.IN_FLIGHT;
        }
        if (move != null) {
            return move.startedAt().plus(moveLease).isBefore(now) ? Liveness.ABANDONED : Liveness.IN_FLIGHT;
        }
        return Liveness.STALE;
    }

    public Interval session() {
        return new Interval(start, end);
    }

    public Optional<String> therapistId() {
        return Optional.ofNullable(reservation).map(Reservation::therapistId);
    }
}
