package app.sabai.booking.waitlist;

import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingChange;
import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.testing.TestBookings;
import app.sabai.booking.waitlist.WaitlistEntry.BranchStep;
import app.sabai.booking.waitlist.WaitlistEntry.EntryOffer;
import app.sabai.booking.waitlist.WaitlistEntry.FollowUp;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Technique;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static app.sabai.booking.testing.TestBookings.DETAILS;
import static app.sabai.booking.testing.TestBookings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** A waitlist entry follows the booking of its offer: offered, booked, declined, expired, or waiting again. */
class WaitlistEntryTest {

    static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(15));
    static final WaitlistEntry WAITING = new WaitlistEntry("w-1", WaitlistStatus.WAITING, "liverpool",
            new Wish(Technique.THAI, 60, DETAILS.zone(), DETAILS.start().minus(Duration.ofDays(1)), DETAILS.start().plus(Duration.ofDays(1)),
                    List.of(), null, null), DETAILS.customer(), "c-1", DETAILS.preferences(), DETAILS.bodyAreas(), null, null, null, null, NOW, NOW);
    static final WaitlistEntry HOLDING = WAITING.holding(new EntryOffer("b-1", DETAILS.start(), DETAILS.end(), EXPIRES, null), NOW).orElseThrow();

    @Test
    void aHeldSlotOfferedMakesTheEntryOfferedAndTakesItOffTheList() {
        FollowUp followUp = HOLDING.follow(TestBookings.offered("b-1", "w-1", EXPIRES), NOW);

        WaitlistEntry offered = followUp.entry().orElseThrow();
        assertThat(offered.status()).isEqualTo(WaitlistStatus.OFFERED);
        assertThat(offered.offer().therapistName()).isEqualTo("Nok");
        assertThat(offered.offer().expiresAt()).isEqualTo(EXPIRES);
        assertThat(followUp.branch()).isEqualTo(BranchStep.LEAVE);
        assertThat(followUp.listOnFile()).isTrue();
        assertThat(followUp.closeOffer()).isFalse();
        assertThat(offered.follow(TestBookings.offered("b-1", "w-1", EXPIRES), NOW).entry()).as("in step already").isEmpty();
        assertThat(WaitlistEntry.actionsIn(offered.statusAt(NOW))).containsExactly("acceptance", "decline", "cancellation");
        assertThat(offered.statusAt(EXPIRES)).as("past its hold time").isEqualTo(WaitlistStatus.EXPIRED);
    }

    @Test
    void anAcceptedOfferBooksTheEntry() {
        WaitlistEntry offered = HOLDING.follow(TestBookings.offered("b-1", "w-1", EXPIRES), NOW).entry().orElseThrow();
        Booking confirmed = TestBookings.inStatus(TestBookings.offered("b-1", "w-1", EXPIRES), BookingStatus.CONFIRMED);

        FollowUp followUp = offered.follow(confirmed, NOW);

        assertThat(followUp.entry()).hasValueSatisfying(booked -> {
            assertThat(booked.status()).isEqualTo(WaitlistStatus.BOOKED);
            assertThat(booked.bookingId()).isEqualTo("b-1");
        });
        assertThat(followUp.closeOffer()).isTrue();
    }

    @Test
    void aDeclinedOrExpiredOfferEndsTheEntry() {
        WaitlistEntry offered = HOLDING.follow(TestBookings.offered("b-1", "w-1", EXPIRES), NOW).entry().orElseThrow();

        assertThat(offered.follow(ended(BookingChange.declineOffer(TestBookings.offered("b-1", "w-1", EXPIRES), NOW)), NOW).entry())
                .map(WaitlistEntry::status).contains(WaitlistStatus.DECLINED);
        assertThat(offered.follow(ended(BookingChange.expireOffer(TestBookings.offered("b-1", "w-1", EXPIRES), EXPIRES)), NOW).entry())
                .map(WaitlistEntry::status).contains(WaitlistStatus.EXPIRED);
    }

    @Test
    void aHoldThatCannotBeHadPassesTheSlotOnAndTheEntryWaitsAgain() {
        Booking rejected = TestBookings.inStatus(TestBookings.offerRequested("b-1", "w-1", EXPIRES), BookingStatus.REJECTED);

        FollowUp followUp = HOLDING.follow(rejected, NOW);

        assertThat(followUp.entry()).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo(WaitlistStatus.WAITING);
            assertThat(entry.offer()).isNull();
        });
        assertThat(followUp.branch()).isEqualTo(BranchStep.PASS_ON);
        assertThat(followUp.closeOffer()).isTrue();
        FollowUp lapsed = HOLDING.follow(ended(BookingChange.expireOffer(TestBookings.offerRequested("b-1", "w-1", EXPIRES), EXPIRES)), NOW);
        assertThat(lapsed.entry()).map(WaitlistEntry::status).contains(WaitlistStatus.WAITING);
        assertThat(lapsed.branch()).isEqualTo(BranchStep.RELEASE);
    }

    @Test
    void anOfferOfAnEntryCancelledMeanwhileIsWithdrawn() {
        WaitlistEntry cancelled = HOLDING.cancelled(NOW).orElseThrow();

        assertThat(cancelled.follow(TestBookings.offerRequested("b-1", "w-1", EXPIRES), NOW).withdraw()).isTrue();
        assertThat(cancelled.follow(TestBookings.offered("b-1", "w-1", EXPIRES), NOW).withdraw()).isTrue();
        assertThat(cancelled.cancelled(NOW)).isEmpty();
        assertThat(WaitlistEntry.actionsIn(cancelled.statusAt(NOW))).isEmpty();
    }

    @Test
    void anOfferMadeWithoutAnIntakeTellsTheTherapistToTakeOne() {
        CareRequirements requirements = WAITING.requirements(CareRequirements.none());

        assertThat(requirements.notesForTherapist()).containsExactly(WaitlistEntry.NO_INTAKE);
        assertThat(WAITING.canHold("b-1")).isTrue();
        assertThat(HOLDING.canHold("b-2")).isFalse();
        assertThat(HOLDING.canHold("b-1")).isTrue();
    }

    private static Booking ended(BookingChange change) {
        BookingChange.Cancelled cancelled = (BookingChange.Cancelled) change;
        Booking offer = TestBookings.offerRequested("b-1", "w-1", EXPIRES);
        return new Booking(offer.id(), BookingStatus.CANCELLED, offer.branchId(), offer.technique(), offer.durationMinutes(), offer.start(),
                offer.end(), offer.zone(), offer.customer(), offer.customerId(), offer.preferences(), offer.bodyAreas(), offer.homeVisit(),
                offer.requirements(), TestBookings.NOK, "room-2", null, null, null, null, cancelled.cancellation(), null, null, List.of(),
                List.of(), offer.notifications(), offer.createdAt(), offer.updatedAt(), null, "w-1", cancelled.offer());
    }
}
