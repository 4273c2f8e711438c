package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A booking's entry on its branch's attention list ({@code attention}, one document per booking, the
 * booking id is the id): what staff need to call the customer and re-plan the session, copied from the
 * booking when it came to need attention. The booking stays the truth; an entry is written before the
 * booking moves to {@code NEEDS_ATTENTION} and removed after it moves on, so an entry can outlive its case
 * (a crash between the two writes) but a case never lacks its entry. {@code recordedAt} is when the entry
 * was written.
 */
public record AttentionCase(
        String id,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        Customer customer,
        String reason,
        List<Alternative> alternatives,
        Instant since,
        AssignedTherapist lostTherapist,
        String raisedBy,
        Instant recordedAt) {

    /**
     * How long an entry whose booking does not need attention is kept anyway: the write that moves the
     * booking may still be on its way (the entry goes first), and removing the entry then would lose the case.
     */
    public static final Duration WRITE_IN_FLIGHT = Duration.ofMinutes(5);

    public static final Comparator<AttentionCase> SOONEST_FIRST =
            Comparator.comparing(AttentionCase::start).thenComparing(AttentionCase::id);

    public AttentionCase {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    public static AttentionCase of(Booking booking, Attention attention, Instant recordedAt) {
        return new AttentionCase(booking.id(), booking.branchId(), booking.technique(), booking.durationMinutes(),
                booking.start(), booking.end(), booking.zone(), booking.customer(), attention.reason(),
                attention.alternatives(), attention.since(), attention.lostTherapist(), attention.raisedBy(), recordedAt);
    }

    /** Whether the entry shows on the list, given where its booking stands now. */
    public enum Listing {
        /** The booking needs attention. */
        LISTED,
        /** Not shown, but kept: the booking's move to {@code NEEDS_ATTENTION} may not have landed yet. */
        HIDDEN,
        /** The case is over (or never opened and never will): the entry is removed. */
        OUTLIVED
    }

    public Listing against(Optional<BookingStanding> booking, Instant now) {
        if (booking.isEmpty()) {
            return Listing.OUTLIVED;
        }
        BookingStanding standing = booking.get();
        if (standing.status() == BookingStatus.NEEDS_ATTENTION) {
            return Listing.LISTED;
        }
        boolean passedThroughAttention = standing.hasApplied(raisedBy);
        boolean canNoLongerNeedIt = standing.status().isFinal();
        boolean longSinceWritten = recordedAt == null || recordedAt.isBefore(now.minus(WRITE_IN_FLIGHT));
        return passedThroughAttention || canNoLongerNeedIt || longSinceWritten ? Listing.OUTLIVED : Listing.HIDDEN;
    }
}
