package app.sabai.therapist.assignment;

import app.sabai.contracts.values.Technique;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which sessions filed under a booking still count, so that anything else may be released by anyone. */
class AssignmentRecordTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Resource ANNA = Resource.therapist("anna");
    static final Resource ROOM = Resource.room("salon", "table-1");

    @Test
    void whatTheReservationListsIsHeldAndEarlierAttemptsAreLeftovers() {
        AssignmentRecord assigned = record(AssignmentStatus.ASSIGNED, 3, null,
                List.of(new AssignmentRecord.Held(ResourceKind.THERAPIST, "anna", 3, NOW, NOW.plusSeconds(3600)),
                        new AssignmentRecord.Held(ResourceKind.ROOM, "salon/table-1", 1, NOW, NOW.plusSeconds(3600))));

        assertThat(assigned.liveness(ANNA, 3, NOW, LEASE)).isEqualTo(AssignmentRecord.Liveness.HELD);
        assertThat(assigned.liveness(ROOM, 1, NOW, LEASE)).isEqualTo(AssignmentRecord.Liveness.HELD);
        assertThat(assigned.liveness(ANNA, 2, NOW, LEASE)).isEqualTo(AssignmentRecord.Liveness.STALE);
        assertThat(assigned.liveness(ROOM, 3, NOW, LEASE)).isEqualTo(AssignmentRecord.Liveness.STALE);
    }

    @Test
    void theLatestPlanningAttemptIsInFlightAndEarlierOnesAreLeftovers() {
        AssignmentRecord planning = record(AssignmentStatus.PLANNING, 2, null, List.of());

        assertThat(planning.liveness(ANNA, 2, NOW, LEASE)).isEqualTo(AssignmentRecord.Liveness.IN_FLIGHT);
        assertThat(planning.liveness(ANNA, 1, NOW, LEASE)).isEqualTo(AssignmentRecord.Liveness.STALE);
    }

    @Test
    void aMoveIsInFlightUntilItsLeaseRunsOut() {
        AssignmentRecord moving = record(AssignmentStatus.ASSIGNED, 4, new AssignmentRecord.Move("REASSIGNMENT", null, NOW),
                List.of(new AssignmentRecord.Held(ResourceKind.THERAPIST, "anna", 3, NOW, NOW.plusSeconds(3600))));
        Resource ben = Resource.therapist("ben");

        assertThat(moving.liveness(ben, 4, NOW.plusSeconds(30), LEASE)).isEqualTo(AssignmentRecord.Liveness.IN_FLIGHT);
        assertThat(moving.liveness(ben, 4, NOW.plusSeconds(61), LEASE)).isEqualTo(AssignmentRecord.Liveness.ABANDONED);
        assertThat(record(AssignmentStatus.ASSIGNED, 4, null, List.of()).liveness(ben, 4, NOW, LEASE))
                .isEqualTo(AssignmentRecord.Liveness.STALE);
    }

    private static AssignmentRecord record(AssignmentStatus status, int attempt, AssignmentRecord.Move move,
                                           List<AssignmentRecord.Held> holdings) {
        AssignmentRecord.Reservation reservation = holdings.isEmpty() ? null
                : new AssignmentRecord.Reservation("anna", "Anna", "table-1", List.of(), NOW, NOW.plusSeconds(3600), holdings);
        return new AssignmentRecord("b-1", "salon", status, attempt, Technique.SWEDISH, NOW, NOW.plusSeconds(3600),
                ZoneId.of("Europe/London"), 60, "Ada", null, null, reservation, null, null, null, move, List.of(), NOW, null);
    }
}
