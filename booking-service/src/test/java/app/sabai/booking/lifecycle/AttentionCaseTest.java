package app.sabai.booking.lifecycle;

import app.sabai.booking.lifecycle.AttentionCase.Listing;
import app.sabai.booking.testing.TestBookings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static app.sabai.booking.testing.TestBookings.NOK;
import static app.sabai.booking.testing.TestBookings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class AttentionCaseTest {

    static final String RAISED_BY = "event-1";

    @Test
    void aBookingThatNeedsAttentionIsListed() {
        assertThat(entryRecordedAt(NOW).against(standing(BookingStatus.NEEDS_ATTENTION, Set.of(RAISED_BY)), NOW))
                .isEqualTo(Listing.LISTED);
    }

    @Test
    void anEntryWhoseBookingNeededAttentionAndMovedOnIsOutlived() {
        assertThat(entryRecordedAt(NOW).against(standing(BookingStatus.CONFIRMED, Set.of(RAISED_BY, "event-2")), NOW))
                .as("the booking was reassigned, then the process died before removing the entry")
                .isEqualTo(Listing.OUTLIVED);
    }

    @Test
    void aFreshEntryWhoseBookingIsNotThereYetIsHiddenButKept() {
        assertThat(entryRecordedAt(NOW.minusSeconds(2)).against(standing(BookingStatus.CONFIRMED, Set.of()), NOW))
                .as("the booking's write may be on its way")
                .isEqualTo(Listing.HIDDEN);
    }

    @Test
    void anEntryLongSinceWrittenWhoseBookingNeverNeededAttentionIsOutlived() {
        Instant longAgo = NOW.minus(AttentionCase.WRITE_IN_FLIGHT).minus(Duration.ofSeconds(1));

        assertThat(entryRecordedAt(longAgo).against(standing(BookingStatus.CONFIRMED, Set.of()), NOW)).isEqualTo(Listing.OUTLIVED);
    }

    @Test
    void anEntryWhoseBookingIsFinishedOrUnknownIsOutlived() {
        assertThat(entryRecordedAt(NOW).against(standing(BookingStatus.CANCELLED, Set.of()), NOW)).isEqualTo(Listing.OUTLIVED);
        assertThat(entryRecordedAt(NOW).against(Optional.empty(), NOW)).isEqualTo(Listing.OUTLIVED);
    }

    @Test
    void theListShowsTheSoonestSessionFirst() {
        AttentionCase later = entryRecordedAt(NOW);
        AttentionCase sooner = new AttentionCase("b-0", later.branchId(), later.technique(), 60, later.start().minus(Duration.ofHours(2)),
                later.end().minus(Duration.ofHours(2)), later.zone(), later.customer(), "r", List.of(), NOW, NOK, "event-0", NOW);

        assertThat(List.of(later, sooner).stream().sorted(AttentionCase.SOONEST_FIRST)).containsExactly(sooner, later);
    }

    private static AttentionCase entryRecordedAt(Instant recordedAt) {
        Attention attention = new Attention("Nok is off sick", List.of(), NOW, NOK, "absence-1", RAISED_BY, AttentionCause.THERAPIST_LOST);
        return AttentionCase.of(TestBookings.confirmed("b-1"), attention, recordedAt);
    }

    private static Optional<BookingStanding> standing(BookingStatus status, Set<String> applied) {
        return Optional.of(new BookingStanding("b-1", status, applied));
    }
}
