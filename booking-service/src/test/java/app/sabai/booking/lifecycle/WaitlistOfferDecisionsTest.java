package app.sabai.booking.lifecycle;

import app.sabai.booking.lifecycle.AssignmentOutcome.Confirmed;
import app.sabai.booking.lifecycle.AssignmentOutcome.Offered;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rejected;
import app.sabai.booking.lifecycle.BookingChange.Cancelled;
import app.sabai.booking.lifecycle.BookingChange.NotAllowed;
import app.sabai.booking.lifecycle.BookingChange.OfferAccepted;
import app.sabai.booking.lifecycle.BookingChange.OfferOver;
import app.sabai.booking.policy.FeePolicy;
import app.sabai.booking.testing.TestBookings;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.TestBookings.DETAILS;
import static app.sabai.booking.testing.TestBookings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Waitlist offers and course sessions through the state machine, decided on plain objects. */
class WaitlistOfferDecisionsTest {

    static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(15));
    static final FeePolicy POLICY = new FeePolicy(CancellationPolicy.standard(), new Money(6000, "GBP"));

    @Test
    void aHeldOfferIsOfferedToItsCustomerUntilItExpires() {
        Booking hold = TestBookings.offerRequested("b-1", "w-1", EXPIRES);
        assertThat(hold.status()).isEqualTo(BookingStatus.OFFER_REQUESTED);

        AssignmentOutcome outcome = AssignmentOutcome.of(hold, assigned("b-1"), NOW);

        assertThat(outcome).isInstanceOfSatisfying(Offered.class, offered -> {
            assertThat(offered.from()).isEqualTo(BookingStatus.OFFER_REQUESTED);
            assertThat(offered.to()).isEqualTo(BookingStatus.OFFERED);
            assertThat(offered.therapist()).isEqualTo(TestBookings.NOK);
            assertThat(offered.event().waitlistId()).isEqualTo("w-1");
            assertThat(offered.event().expiresAt()).isEqualTo(EXPIRES);
            assertThat(offered.event().therapistName()).isEqualTo("Nok");
            assertThat(offered.event().start()).isEqualTo(DETAILS.start());
            assertThat(offered.event().customer()).isEqualTo(DETAILS.customer());
        });
    }

    @Test
    void aHoldThatCannotBeHadIsRejectedNamingItsEntry() {
        AssignmentRejected rejected = new AssignmentRejected(UUID.randomUUID(), NOW, "b-1", "liverpool", RejectionReason.NO_ROOM_AVAILABLE,
                "No room", List.of(), null);

        AssignmentOutcome outcome = AssignmentOutcome.of(TestBookings.offerRequested("b-1", "w-1", EXPIRES), rejected, NOW);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, rejection -> {
            assertThat(rejection.to()).isEqualTo(BookingStatus.REJECTED);
            assertThat(rejection.event().waitlistId()).isEqualTo("w-1");
            assertThat(rejection.event().courseId()).isNull();
        });
    }

    @Test
    void aCourseSessionsDecisionsNameTheCourse() {
        Booking session = TestBookings.courseSession("b-2", "course-1");

        assertThat(AssignmentOutcome.of(session, assigned("b-2"), NOW)).isInstanceOfSatisfying(Confirmed.class, confirmed -> {
            assertThat(confirmed.event().courseId()).isEqualTo("course-1");
            assertThat(confirmed.event().waitlistId()).isNull();
        });
        assertThat(BookingChange.cancel(session, Requester.CUSTOMER, null, POLICY, NOW))
                .isInstanceOfSatisfying(Cancelled.class, cancelled -> assertThat(cancelled.event().courseId()).isEqualTo("course-1"));
    }

    @Test
    void theCustomerAcceptsWhileTheOfferHoldsAndNotAfter() {
        Booking offered = TestBookings.offered("b-1", "w-1", EXPIRES);

        assertThat(BookingChange.acceptOffer(offered, EXPIRES.minusSeconds(1))).isInstanceOfSatisfying(OfferAccepted.class, accepted -> {
            assertThat(accepted.to()).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(accepted.offer().ended()).isEqualTo(WaitlistOffer.End.ACCEPTED);
            assertThat(accepted.event().waitlistId()).isEqualTo("w-1");
            assertThat(accepted.event().therapistId()).isEqualTo("t-nok");
            assertThat(accepted.event().roomId()).isEqualTo("room-2");
        });
        assertThat(BookingChange.acceptOffer(offered, EXPIRES)).isInstanceOf(OfferOver.class);
        assertThat(BookingChange.acceptOffer(TestBookings.offerRequested("b-1", "w-1", EXPIRES), NOW))
                .as("not before it is offered").isInstanceOf(NotAllowed.class);
    }

    @Test
    void aDeclinedOrExpiredOfferIsCancelledByTheSystemFree() {
        Booking offered = TestBookings.offered("b-1", "w-1", EXPIRES);

        Cancelled declined = (Cancelled) BookingChange.declineOffer(offered, NOW);
        Cancelled expired = (Cancelled) BookingChange.expireOffer(offered, EXPIRES);

        assertThat(declined.offer().ended()).isEqualTo(WaitlistOffer.End.DECLINED);
        assertThat(declined.event().reason()).isEqualTo("offer declined");
        assertThat(expired.offer().ended()).isEqualTo(WaitlistOffer.End.EXPIRED);
        assertThat(expired.event().reason()).isEqualTo("offer expired");
        for (Cancelled cancelled : List.of(declined, expired)) {
            assertThat(cancelled.to()).isEqualTo(BookingStatus.CANCELLED);
            assertThat(cancelled.cancellation().by()).isEqualTo(Requester.SYSTEM);
            assertThat(cancelled.fee()).isNull();
            assertThat(cancelled.event().cancelledBy()).isEqualTo("SYSTEM");
            assertThat(cancelled.event().late()).isFalse();
            assertThat(cancelled.event().fee()).isNull();
            assertThat(cancelled.event().therapistId()).isEqualTo("t-nok");
            assertThat(cancelled.event().customer()).isEqualTo(DETAILS.customer());
        }
    }

    @Test
    void aHoldNeverOfferedLapsesWithoutAWordToTheCustomer() {
        Cancelled lapsed = (Cancelled) BookingChange.expireOffer(TestBookings.offerRequested("b-1", "w-1", EXPIRES), EXPIRES);
        Cancelled withdrawn = (Cancelled) BookingChange.withdrawOffer(TestBookings.offerRequested("b-1", "w-1", EXPIRES), NOW);

        assertThat(lapsed.offer().ended()).isEqualTo(WaitlistOffer.End.LAPSED);
        assertThat(lapsed.event().customer()).as("they never heard of it").isNull();
        assertThat(withdrawn.offer().ended()).isEqualTo(WaitlistOffer.End.WITHDRAWN);
        assertThat(withdrawn.event().customer()).isNull();
    }

    @Test
    void noOtherCommandTouchesAnOfferAndTheRefusalSaysHowToAnswerIt() {
        Booking offered = TestBookings.offered("b-1", "w-1", EXPIRES);

        BookingChange byCustomer = BookingChange.cancel(offered, Requester.CUSTOMER, null, POLICY, NOW);
        BookingChange byStaff = BookingChange.cancel(offered, Requester.STAFF, null, POLICY, NOW);

        assertThat(byCustomer).isInstanceOfSatisfying(NotAllowed.class, refused -> {
            assertThat(refused.allowed()).containsExactly("acceptance", "decline");
            assertThat(refused.detail()).contains("is OFFERED", "/api/waitlist/w-1/acceptance");
        });
        assertThat(byStaff).isInstanceOfSatisfying(NotAllowed.class, refused -> assertThat(refused.allowed()).isEmpty());
        assertThat(BookingChange.requestReschedule(offered, Requester.CUSTOMER, NOW, NOW, null, POLICY, NOW)).isInstanceOf(NotAllowed.class);
        assertThat(BookingChange.declineOffer(TestBookings.confirmed("b-3"), NOW)).isInstanceOf(NotAllowed.class);
    }

    private static TherapistAssigned assigned(String bookingId) {
        return new TherapistAssigned(UUID.randomUUID(), NOW, bookingId, "liverpool", "t-nok", "Nok", "room-2", List.of(), DETAILS.start(),
                DETAILS.end(), null);
    }
}
