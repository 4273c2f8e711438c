package app.sabai.system.harness;

import app.sabai.system.harness.Accounting.DeadLetter;
import app.sabai.system.harness.Accounting.DecisionEvent;
import app.sabai.system.harness.Accounting.Session;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static app.sabai.system.harness.Accounting.CONFIRMED;
import static app.sabai.system.harness.Accounting.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The accounting on plain records: it holds for a platform that kept its promises, and names each planted fault. */
class AccountingTest {

    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aPlatformThatKeptEveryPromiseHolds() {
        Accounting.Report report = Accounting.check(state()
                .confirmed("b1", "therapist-a", TEN)
                .confirmed("b2", "therapist-a", TEN.plusSeconds(75 * 60))
                .rejected("b3")
                .facts());

        assertThat(report.problems()).isEmpty();
        assertThat(report.count("requests answered 202")).isEqualTo(3);
        assertThat(report.count("  bookings decided CONFIRMED")).isEqualTo(2);
        assertThat(report.count("  bookings decided REJECTED")).isEqualTo(1);
        assertThat(report.count("sessions in the day documents")).isEqualTo(4);
    }

    @Test
    void aRedeliveredDecisionASessionFiledOnTwoDaysAndAnEmailDeliveredTwiceUnderOneIdAreNoFaults() {
        PlatformState state = state().confirmed("b1", "therapist-a", TEN);
        state.decisions.add(new DecisionEvent("b1", CONFIRMED, "event-b1"));
        state.sessions.add(state.sessions.getFirst());
        state.messageIds.add(state.messageIds.getFirst());

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.problems()).isEmpty();
        assertThat(report.count("  of which redelivered (same ce_id again)")).isEqualTo(1);
        assertThat(report.count("  delivered again under the same Message-ID")).isEqualTo(1);
    }

    @Test
    void aDecisionMadeTwiceIsReported() {
        PlatformState state = state().confirmed("b1", "therapist-a", TEN);
        state.decisions.add(new DecisionEvent("b1", REJECTED, "a-second-event"));

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.count("decided more than once (distinct ce_id)")).isEqualTo(1);
        assertThat(report.problems()).singleElement().asString().contains("decided more than once", "b1");
    }

    @Test
    void anAcceptedRequestWithoutADecisionIsReported() {
        PlatformState state = state().confirmed("b1", "therapist-a", TEN);
        state.accepted.add("b2");
        state.statuses.put("b2", "REQUESTED");

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.count("accepted without a decision")).isEqualTo(1);
        assertThat(report.problems()).singleElement().asString().contains("accepted without a decision", "b2");
    }

    @Test
    void twoBookingsOverlappingOnOneTherapistAreReportedChangeoverIncluded() {
        // The first session blocks 10:00–11:15 with its changeover; the second starts at 11:10.
        Accounting.Report report = Accounting.check(state()
                .confirmed("b1", "therapist-a", TEN)
                .confirmed("b2", "therapist-a", TEN.plusSeconds(70 * 60))
                .facts());

        assertThat(report.count("overlapping sessions of one therapist, room or unit")).isEqualTo(1);
        assertThat(report.problems()).singleElement().asString().contains("overlapping", "therapist therapist-a", "b1", "b2");
    }

    @Test
    void aRejectedBookingHoldingASessionAndAConfirmedOneHoldingNoneAreReported() {
        PlatformState state = state().rejected("b1").confirmed("b2", "therapist-a", TEN);
        state.sessions.add(new Session("room", "room-1", "b1", null, 1, TEN, TEN.plusSeconds(3600)));
        state.sessions.removeIf(session -> session.bookingId().equals("b2"));

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.count("sessions held by a booking not confirmed")).isEqualTo(1);
        assertThat(report.count("confirmed without exactly one session")).isEqualTo(1);
        assertThat(report.problems()).hasSize(2);
    }

    @Test
    void aMissingConfirmationADeadLetterAndLagAreReported() {
        PlatformState state = state().confirmed("b1", "therapist-a", TEN);
        state.messageIds.clear();
        state.deadLetters.add(new DeadLetter("sabai.assignments-dlt", "liverpool"));
        state.lag.put("booking-service", 3L);

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.problems()).hasSize(3).anySatisfy(problem -> assertThat(problem).contains("confirmation", "b1"))
                .anySatisfy(problem -> assertThat(problem).contains("dead letters not planted", "sabai.assignments-dlt liverpool"))
                .anySatisfy(problem -> assertThat(problem).contains("booking-service=3"));
    }

    @Test
    void plantedPoisonIsExpectedInTheDeadLetterTopicsAndReportedWhenItNeverArrives() {
        PlatformState state = state().confirmed("b1", "therapist-a", TEN);
        state.planted.addAll(List.of("poison-1", "poison-2"));
        state.deadLetters.add(new DeadLetter("sabai.bookings-dlt", "poison-1"));
        state.deadLetters.add(new DeadLetter("sabai.bookings-dlt", "poison-1"));

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.count("  of which poison planted on purpose")).isEqualTo(2);
        assertThat(report.problems()).singleElement().asString().contains("planted poison never dead-lettered", "poison-2");
    }

    @Test
    void aDecisionOnAnIdNobodyWasAnsweredIsReported() {
        PlatformState state = state().confirmed("b1", "therapist-a", TEN);
        state.decisions.add(new DecisionEvent("stranger", REJECTED, "event-stranger"));

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.problems()).singleElement().asString().contains("never answered 202", "stranger");
    }

    @Test
    void notificationServiceMessageIdsAreReadAsBookingAndKind() {
        assertThat(Accounting.decode("<9b2f-11%3Aconfirmation@notifications.sabai.app>")).containsExactly("9b2f-11", "confirmation");
        assertThat(Accounting.decode("<9b2f-11%3Areminder%3APT2H%232@notifications.sabai.app>")).containsExactly("9b2f-11", "reminder");
        assertThat(Accounting.decode("<random@elsewhere>")).isNull();
    }

    private static PlatformState state() {
        return new PlatformState();
    }

    /** A platform's state after a load, built one booking at a time as a platform that keeps its promises leaves it. */
    private static final class PlatformState {
        final Set<String> accepted = new HashSet<>();
        final List<DecisionEvent> decisions = new ArrayList<>();
        final Map<String, String> statuses = new HashMap<>();
        final List<Session> sessions = new ArrayList<>();
        final List<String> messageIds = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final Set<String> planted = new HashSet<>();
        final Map<String, Long> lag = new TreeMap<>(Map.of("booking-service", 0L, "therapist-service", 0L));

        /** Confirmed with a 60-minute session at {@code start} and 15 minutes' changeover, in room-1 and on the therapist. */
        PlatformState confirmed(String id, String therapist, Instant start) {
            accepted.add(id);
            decisions.add(new DecisionEvent(id, CONFIRMED, "event-" + id));
            statuses.put(id, "CONFIRMED");
            sessions.add(new Session("therapist", therapist, id, null, 1, start, start.plusSeconds(75 * 60)));
            sessions.add(new Session("room", "room-of-" + id, id, null, 1, start, start.plusSeconds(75 * 60)));
            messageIds.add("<" + id + "%3Aconfirmation@notifications.sabai.app>");
            return this;
        }

        PlatformState rejected(String id) {
            accepted.add(id);
            decisions.add(new DecisionEvent(id, REJECTED, "event-" + id));
            statuses.put(id, "REJECTED");
            return this;
        }

        Accounting.Facts facts() {
            return new Accounting.Facts(Set.copyOf(accepted), decisions, statuses, sessions, messageIds, deadLetters, planted, lag);
        }
    }
}
