package app.sabai.booking.lifecycle;

import app.sabai.booking.lifecycle.BookingChange.Cancelled;
import app.sabai.booking.lifecycle.BookingChange.Completed;
import app.sabai.booking.lifecycle.BookingChange.MarkedNoShow;
import app.sabai.booking.lifecycle.BookingChange.NotAllowed;
import app.sabai.booking.lifecycle.BookingChange.NotYet;
import app.sabai.booking.lifecycle.BookingChange.RescheduleAsked;
import app.sabai.booking.policy.FeePolicy;
import app.sabai.booking.testing.TestBookings;
import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.values.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static app.sabai.booking.testing.TestBookings.DETAILS;
import static app.sabai.booking.testing.TestBookings.NOK;
import static org.assertj.core.api.Assertions.assertThat;

/** The commands of a booking's later life, decided on plain objects. The booking starts on 1 December 2026 at 10:00 UTC. */
class BookingChangeTest {

    static final Instant START = DETAILS.start();
    static final Instant A_WEEK_AHEAD = START.minus(Duration.ofDays(7));
    static final Instant TWO_HOURS_AHEAD = START.minus(Duration.ofHours(2));
    static final Money PRICE = new Money(6000, "GBP");
    static final FeePolicy POLICY = new FeePolicy(CancellationPolicy.standard(), PRICE);

    @Nested
    class Cancelling {

        @Test
        void aCustomerCancelsAConfirmedBookingFreeWellAhead() {
            Booking booking = TestBookings.confirmed("b-1");

            BookingChange change = BookingChange.cancel(booking, Requester.CUSTOMER, "Flight moved", POLICY, A_WEEK_AHEAD);

            assertThat(change).isInstanceOfSatisfying(Cancelled.class, cancelled -> {
                assertThat(cancelled.from()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(cancelled.to()).isEqualTo(BookingStatus.CANCELLED);
                assertThat(cancelled.cancellation()).isEqualTo(new Cancellation(A_WEEK_AHEAD, Requester.CUSTOMER, "Flight moved", false, null));
                assertThat(cancelled.fee()).isNull();
                assertThat(cancelled.closed()).isNull();
                assertThat(cancelled.event().late()).isFalse();
                assertThat(cancelled.event().fee()).isNull();
                assertThat(cancelled.event().cancelledBy()).isEqualTo("CUSTOMER");
                assertThat(cancelled.event().reason()).isEqualTo("Flight moved");
                assertThat(cancelled.event().therapistId()).isEqualTo("t-nok");
                assertThat(cancelled.event().start()).isEqualTo(START);
                assertThat(cancelled.event().end()).isEqualTo(DETAILS.end());
                assertThat(cancelled.event().technique()).isEqualTo(DETAILS.technique());
                assertThat(cancelled.event().zone()).isEqualTo(DETAILS.zone());
                assertThat(cancelled.event().customer()).isEqualTo(DETAILS.customer());
                assertThat(cancelled.event().branchId()).isEqualTo("liverpool");
                assertThat(cancelled.event().occurredAt()).isEqualTo(A_WEEK_AHEAD);
            });
        }

        @Test
        void aLateCancellationCostsTheLateFeeInTheRecordTheFeesAndTheEvent() {
            BookingChange change = BookingChange.cancel(TestBookings.confirmed("b-2"), Requester.CUSTOMER, null, POLICY, TWO_HOURS_AHEAD);

            assertThat(change).isInstanceOfSatisfying(Cancelled.class, cancelled -> {
                Money fee = new Money(3000, "GBP");
                assertThat(cancelled.cancellation()).isEqualTo(new Cancellation(TWO_HOURS_AHEAD, Requester.CUSTOMER, null, true, fee));
                assertThat(cancelled.fee()).isEqualTo(new Fee(Fee.Reason.LATE_CANCELLATION, fee, TWO_HOURS_AHEAD));
                assertThat(cancelled.event().late()).isTrue();
                assertThat(cancelled.event().fee()).isEqualTo(fee);
            });
        }

        @Test
        void staffCancellingABookingTheBranchCouldNotGiveChargesNothing() {
            Attention lost = new Attention("Nok is off sick", List.of(), A_WEEK_AHEAD, NOK, "absence-1", "raised-1",
                    AttentionCause.THERAPIST_LOST);
            Booking booking = TestBookings.needingAttention("b-3", lost);

            BookingChange change = BookingChange.cancel(booking, Requester.STAFF, "Nobody can cover", POLICY, TWO_HOURS_AHEAD);

            assertThat(change).isInstanceOfSatisfying(Cancelled.class, cancelled -> {
                assertThat(cancelled.from()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(cancelled.cancellation()).isEqualTo(new Cancellation(TWO_HOURS_AHEAD, Requester.STAFF, "Nobody can cover", true, null));
                assertThat(cancelled.fee()).isNull();
                assertThat(cancelled.closed()).isEqualTo(lost);
                assertThat(cancelled.event().cancelledBy()).isEqualTo("STAFF");
                assertThat(cancelled.event().therapistId()).as("the therapist the customer was told of").isEqualTo("t-nok");
            });
        }

        @Test
        void aCustomerCannotCancelABookingThatNeedsStaff() {
            Booking booking = TestBookings.needingAttention("b-4", null);

            assertThat(BookingChange.cancel(booking, Requester.CUSTOMER, null, POLICY, A_WEEK_AHEAD)).isInstanceOfSatisfying(NotAllowed.class,
                    refused -> {
                        assertThat(refused.status()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                        assertThat(refused.allowed()).isEmpty();
                        assertThat(refused.detail()).isEqualTo("Booking b-4 is NEEDS_ATTENTION: a cancellation is possible only when it is"
                                + " REQUESTED or CONFIRMED or RESCHEDULE_REQUESTED. Nothing can be asked for it now.");
                    });
        }

        @ParameterizedTest
        @EnumSource(value = BookingStatus.class, names = {"CANCELLED", "REJECTED", "COMPLETED", "NO_SHOW"})
        void aFinishedBookingCannotBeCancelled(BookingStatus status) {
            Booking booking = TestBookings.inStatus(TestBookings.confirmed("b-5"), status);

            assertThat(BookingChange.cancel(booking, Requester.STAFF, null, POLICY, A_WEEK_AHEAD)).isInstanceOfSatisfying(NotAllowed.class,
                    refused -> assertThat(refused.detail()).endsWith("Nothing can change it any more."));
        }
    }

    @Nested
    class Rescheduling {

        static final Instant NEW_START = START.plus(Duration.ofDays(1));

        @Test
        void aMoveKeepsTheSessionUntilAnsweredAndAsksForTheCurrentTherapist() {
            Booking booking = TestBookings.confirmed("b-6");

            BookingChange change = BookingChange.requestReschedule(booking, Requester.CUSTOMER, NEW_START, NEW_START.plus(Duration.ofHours(1)),
                    null, POLICY, A_WEEK_AHEAD);

            assertThat(change).isInstanceOfSatisfying(RescheduleAsked.class, asked -> {
                assertThat(asked.to()).isEqualTo(BookingStatus.RESCHEDULE_REQUESTED);
                assertThat(asked.reschedule()).isEqualTo(new PendingReschedule(NEW_START, NEW_START.plus(Duration.ofHours(1)), A_WEEK_AHEAD,
                        Requester.CUSTOMER, "t-nok", false, null, BookingStatus.CONFIRMED));
                assertThat(asked.event().therapistId()).isEqualTo("t-nok");
                assertThat(asked.event().currentStart()).isEqualTo(START);
                assertThat(asked.event().newStart()).isEqualTo(NEW_START);
                assertThat(asked.event().newEnd()).isEqualTo(NEW_START.plus(Duration.ofHours(1)));
                assertThat(asked.event().requestedBy()).isEqualTo("CUSTOMER");
                assertThat(asked.event().late()).isFalse();
                assertThat(asked.event().fee()).isNull();
                assertThat(asked.event().durationMinutes()).isEqualTo(60);
                assertThat(asked.event().zone()).isEqualTo(DETAILS.zone());
            });
        }

        @Test
        void aLateMoveIsJudgedAgainstTheCurrentStartAndAsksForTheTherapistNamed() {
            BookingChange change = BookingChange.requestReschedule(TestBookings.confirmed("b-7"), Requester.STAFF, NEW_START,
                    NEW_START.plus(Duration.ofHours(1)), "t-mali", POLICY, TWO_HOURS_AHEAD);

            assertThat(change).isInstanceOfSatisfying(RescheduleAsked.class, asked -> {
                assertThat(asked.reschedule().late()).isTrue();
                assertThat(asked.reschedule().fee()).isEqualTo(new Money(3000, "GBP"));
                assertThat(asked.event().therapistId()).isEqualTo("t-mali");
                assertThat(asked.event().requestedBy()).isEqualTo("STAFF");
                assertThat(asked.event().fee()).isEqualTo(new Money(3000, "GBP"));
            });
        }

        @Test
        void staffMovingABookingThatNeedsAttentionRemembersWhereItCameFromAndChargesNothing() {
            Booking booking = TestBookings.needingAttention("b-8", null);

            BookingChange change = BookingChange.requestReschedule(booking, Requester.STAFF, NEW_START, NEW_START.plus(Duration.ofHours(1)),
                    null, POLICY, TWO_HOURS_AHEAD);

            assertThat(change).isInstanceOfSatisfying(RescheduleAsked.class, asked -> {
                assertThat(asked.from()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(asked.reschedule().previousStatus()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(asked.reschedule().late()).isTrue();
                assertThat(asked.reschedule().fee()).isNull();
            });
        }

        @Test
        void onlyStaffMoveABookingThatNeedsAttentionAndNobodyMovesOneNotConfirmed() {
            Booking needing = TestBookings.needingAttention("b-9", null);
            Booking requested = TestBookings.requested("b-10");

            assertThat(BookingChange.rescheduleRefusal(needing, Requester.CUSTOMER)).hasValueSatisfying(refused ->
                    assertThat(refused.appliesIn()).containsExactly(BookingStatus.CONFIRMED));
            assertThat(BookingChange.rescheduleRefusal(needing, Requester.STAFF)).isEmpty();
            assertThat(BookingChange.rescheduleRefusal(requested, Requester.STAFF)).hasValueSatisfying(refused -> {
                assertThat(refused.allowed()).containsExactly("cancellation");
                assertThat(refused.appliesIn()).containsExactly(BookingStatus.CONFIRMED, BookingStatus.NEEDS_ATTENTION);
            });
            assertThat(BookingChange.requestReschedule(requested, Requester.STAFF, NEW_START, NEW_START, null, POLICY, A_WEEK_AHEAD))
                    .isInstanceOf(NotAllowed.class);
        }
    }

    @Nested
    class NoShowAndCompletion {

        @Test
        void neitherIsPossibleBeforeTheSessionStarts() {
            Booking booking = TestBookings.confirmed("b-11");
            Instant aMinuteBefore = START.minus(Duration.ofMinutes(1));

            assertThat(BookingChange.markNoShow(booking, POLICY, aMinuteBefore)).isEqualTo(
                    new NotYet("b-11", "no-show", START, DETAILS.zone()));
            assertThat(BookingChange.complete(booking, aMinuteBefore)).isInstanceOfSatisfying(NotYet.class, notYet -> {
                assertThat(notYet.possibleFrom()).isEqualTo(START);
                assertThat(notYet.detail()).isEqualTo("Booking b-11 can be marked as completed from the start of its session,"
                        + " 2026-12-01T10:00:00Z (2026-12-01 10:00 in Europe/London)");
            });
        }

        @Test
        void aNoShowFromTheStartCostsTheNoShowFee() {
            BookingChange change = BookingChange.markNoShow(TestBookings.confirmed("b-12"), POLICY, START);

            assertThat(change).isInstanceOfSatisfying(MarkedNoShow.class, noShow -> {
                assertThat(noShow.to()).isEqualTo(BookingStatus.NO_SHOW);
                assertThat(noShow.noShow()).isEqualTo(new NoShow(START, PRICE));
                assertThat(noShow.fee()).isEqualTo(new Fee(Fee.Reason.NO_SHOW, PRICE, START));
                assertThat(noShow.event().fee()).isEqualTo(PRICE);
                assertThat(noShow.event().start()).isEqualTo(START);
                assertThat(noShow.event().end()).isEqualTo(DETAILS.end());
                assertThat(noShow.event().therapistId()).isEqualTo("t-nok");
                assertThat(noShow.event().customer()).isEqualTo(DETAILS.customer());
            });
        }

        @Test
        void aCompletionCarriesTheTherapistAndTheCustomerForContinuity() {
            Instant after = START.plus(Duration.ofMinutes(70));

            assertThat(BookingChange.complete(TestBookings.confirmed("b-13"), after)).isInstanceOfSatisfying(Completed.class, completed -> {
                assertThat(completed.to()).isEqualTo(BookingStatus.COMPLETED);
                assertThat(completed.completion()).isEqualTo(new Completion(after));
                assertThat(completed.event().therapistId()).isEqualTo("t-nok");
                assertThat(completed.event().customer()).isEqualTo(DETAILS.customer());
            });
        }

        @ParameterizedTest
        @EnumSource(value = BookingStatus.class, names = "CONFIRMED", mode = EnumSource.Mode.EXCLUDE)
        void onlyAConfirmedBookingEndsThatWayWhateverTheTime(BookingStatus status) {
            Booking booking = TestBookings.inStatus(TestBookings.confirmed("b-14"), status);
            Instant after = START.plus(Duration.ofHours(2));

            assertThat(BookingChange.markNoShow(booking, POLICY, after)).isInstanceOfSatisfying(NotAllowed.class, refused -> {
                assertThat(refused.status()).isEqualTo(status);
                assertThat(refused.action()).isEqualTo("no-show");
                assertThat(refused.allowed()).isEqualTo(BookingTrigger.actionsFor(Requester.STAFF, status));
            });
            assertThat(BookingChange.complete(booking, after)).isInstanceOf(NotAllowed.class);
        }
    }
}
