package app.sabai.system.harness;

import app.sabai.system.harness.Accounting.DeadLetter;
import app.sabai.system.harness.Accounting.LifeEvent;
import app.sabai.system.harness.Accounting.Session;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static app.sabai.system.harness.Accounting.CANCELLED;
import static app.sabai.system.harness.Accounting.CONFIRMED;
import static app.sabai.system.harness.Accounting.NEEDS_ATTENTION;
import static app.sabai.system.harness.Accounting.REJECTED;
import static app.sabai.system.harness.Accounting.THERAPIST_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;

/** The accounting on plain records: it holds for a platform that kept its promises, and names each planted fault. */
class AccountingTest {

    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");
    /** When every confirmation of these tests was received: days before its session. */
    private static final Instant CONFIRMED_AT = TEN.minus(Duration.ofDays(3));

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
        state.events.add(new LifeEvent("b1", CONFIRMED, "event-b1"));
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
        state.events.add(new LifeEvent("b1", CONFIRMED, "a-second-event"));

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

        assertThat(report.count("sessions held by a booking neither confirmed nor needing attention")).isEqualTo(1);
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
    void aBookingsLifeAfterItsDecisionIsFollowedToItsLastEvent() {
        PlatformState state = state().confirmed("cancelled", "therapist-a", TEN).confirmed("moved", "therapist-b", TEN)
                .confirmed("lost", "therapist-c", TEN);
        state.events.add(new LifeEvent("cancelled", CANCELLED, "cancel-1"));
        state.statuses.put("cancelled", "CANCELLED");
        state.sessions.removeIf(session -> session.bookingId().equals("cancelled"));
        state.events.add(new LifeEvent("moved", THERAPIST_CHANGED, "move-1"));
        // Another therapist under the move's attempt; the room kept under the first.
        state.sessions.removeIf(session -> session.bookingId().equals("moved") && session.kind().equals("therapist"));
        state.sessions.add(new Session("therapist", "therapist-d", "moved", null, 2, TEN, TEN.plusSeconds(75 * 60)));
        state.events.add(new LifeEvent("lost", NEEDS_ATTENTION, "lost-1"));
        state.statuses.put("lost", "NEEDS_ATTENTION");
        state.sessions.removeIf(session -> session.bookingId().equals("lost") && session.kind().equals("therapist"));
        // A request that waited too long for its decision needs attention until the decision comes.
        state.accepted.add("late");
        state.events.add(new LifeEvent("late", NEEDS_ATTENTION, "overdue-late"));
        state.events.add(new LifeEvent("late", REJECTED, "event-late"));
        state.statuses.put("late", "REJECTED");

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.problems()).isEmpty();
        assertThat(report.count("  bookings decided CONFIRMED")).isEqualTo(3);
        assertThat(report.count("  bookings decided REJECTED")).isEqualTo(1);
        assertThat(report.count("  later cancelled")).isEqualTo(1);
        assertThat(report.count("  later given another therapist")).isEqualTo(1);
        assertThat(report.count("  later lost their therapist (needs attention)")).isEqualTo(1);
    }

    @Test
    void aStoredStatusBehindTheLastEventAndATherapistKeptByABookingThatLostItAreReported() {
        PlatformState state = state().confirmed("cancelled", "therapist-a", TEN).confirmed("lost", "therapist-c", TEN);
        // Still stored, and holding its session, as it was before the cancellation.
        state.events.add(new LifeEvent("cancelled", CANCELLED, "cancel-1"));
        state.events.add(new LifeEvent("lost", NEEDS_ATTENTION, "lost-1"));
        state.statuses.put("lost", "NEEDS_ATTENTION");

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.problems()).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("stored status differs", "cancelled", "BookingCancelled", "CONFIRMED"))
                .anySatisfy(problem -> assertThat(problem).contains("therapist session held by a booking that needs attention", "lost"));
    }

    @Test
    void aReminderDueByTheCountMustHaveBeenSentOnce() {
        PlatformState state = state().confirmed("due", "therapist-a", TEN).confirmed("sent-twice", "therapist-b", TEN)
                .confirmed("missing", "therapist-c", TEN).confirmed("not-yet", "therapist-a", TEN.plus(Duration.ofDays(2)));
        state.leads.add(Duration.ofHours(2));
        state.readAt = TEN.minus(Duration.ofMinutes(90));
        state.messageIds.add("<due%3APT2H@notifications.sabai.app>");
        state.messageIds.add("<sent-twice%3APT2H@notifications.sabai.app>");
        state.messageIds.add("<sent-twice%3APT2H%232@notifications.sabai.app>");

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.count("reminders due by the count")).isEqualTo(3);
        assertThat(report.count("  reminders (distinct Message-ID)")).isEqualTo(3);
        assertThat(report.problems()).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("reminder due but not sent", "missing PT2H"))
                .anySatisfy(problem -> assertThat(problem).contains("reminder sent more than once", "sent-twice PT2H"));
    }

    @Test
    void aReminderDueBeforeItsConfirmationWentOutIsNotExpected() {
        PlatformState state = state().confirmed("late", "therapist-a", TEN);
        state.leads.add(Duration.between(CONFIRMED_AT, TEN).minusSeconds(5));
        state.readAt = TEN;

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.count("reminders due by the count")).isZero();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void aDecisionOnAnIdNobodyWasAnsweredIsReported() {
        PlatformState state = state().confirmed("b1", "therapist-a", TEN);
        state.events.add(new LifeEvent("stranger", REJECTED, "event-stranger"));

        Accounting.Report report = Accounting.check(state.facts());

        assertThat(report.problems()).singleElement().asString().contains("never answered 202", "stranger");
    }

    @Test
    void notificationServiceMessageIdsAreReadAsBookingAndKind() {
        assertThat(Accounting.decode("<9b2f-11%3Aconfirmation@notifications.sabai.app>")).containsExactly("9b2f-11", "confirmation");
        assertThat(Accounting.decode("<9b2f-11%3APT2H%232@notifications.sabai.app>")).containsExactly("9b2f-11", "PT2H");
        assertThat(Accounting.decode("<random@elsewhere>")).isNull();
    }

    private static PlatformState state() {
        return new PlatformState();
    }

    /** A platform's state after a load, built one booking at a time as a platform that keeps its promises leaves it. */
    private static final class PlatformState {
        final Set<String> accepted = new HashSet<>();
        final List<LifeEvent> events = new ArrayList<>();
        final Map<String, String> statuses = new HashMap<>();
        final List<Session> sessions = new ArrayList<>();
        final List<String> messageIds = new ArrayList<>();
        final Map<String, Instant> received = new HashMap<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final Set<String> planted = new HashSet<>();
        final Map<String, Long> lag = new TreeMap<>(Map.of("booking-service", 0L, "therapist-service", 0L));
        final Map<String, Instant> starts = new HashMap<>();
        final List<Duration> leads = new ArrayList<>();
        Instant readAt = TEN.minus(Duration.ofDays(1));

        /** Confirmed with a 60-minute session at {@code start} and 15 minutes' changeover, in room-1 and on the therapist. */
        PlatformState confirmed(String id, String therapist, Instant start) {
            accepted.add(id);
            events.add(new LifeEvent(id, CONFIRMED, "event-" + id));
            statuses.put(id, "CONFIRMED");
            starts.put(id, start);
            sessions.add(new Session("therapist", therapist, id, null, 1, start, start.plusSeconds(75 * 60)));
            sessions.add(new Session("room", "room-of-" + id, id, null, 1, start, start.plusSeconds(75 * 60)));
            messageIds.add("<" + id + "%3Aconfirmation@notifications.sabai.app>");
            received.put("<" + id + "%3Aconfirmation@notifications.sabai.app>", CONFIRMED_AT);
            return this;
        }

        PlatformState rejected(String id) {
            accepted.add(id);
            events.add(new LifeEvent(id, REJECTED, "event-" + id));
            statuses.put(id, "REJECTED");
            return this;
        }

        Accounting.Facts facts() {
            return new Accounting.Facts(Set.copyOf(accepted), events, statuses, sessions, messageIds, received, deadLetters, planted,
                    lag, starts, leads, readAt);
        }
    }
}
