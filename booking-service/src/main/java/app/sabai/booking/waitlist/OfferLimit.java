package app.sabai.booking.waitlist;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The open offers of one customer ({@code waitlist_customers}, by the customer's email key): each a booking held or
 * offered to them, with when its place was taken. A customer has at most a few open at once; a place is taken before a
 * slot is held for them, and freed once the offer is closed (accepted, declined, expired, or the hold could not be had).
 */
public record OfferLimit(String customerKey, List<Place> offers) {

    public OfferLimit {
        offers = offers == null ? List.of() : List.copyOf(offers);
    }

    public record Place(String bookingId, Instant takenAt) {
    }

    public static OfferLimit none(String customerKey) {
        return new OfferLimit(customerKey, List.of());
    }

    public sealed interface Reservation {
    }

    public record Reserved(OfferLimit limit) implements Reservation {
    }

    public record HeldAlready() implements Reservation {
    }

    /** Every place is taken: {@code places} lists them, so those whose offers are over can be freed. */
    public record Full(List<Place> places) implements Reservation {
    }

    public Reservation reserve(String bookingId, Instant now, int max) {
        if (holds(bookingId)) {
            return new HeldAlready();
        }
        if (offers.size() >= max) {
            return new Full(offers);
        }
        return new Reserved(new OfferLimit(customerKey, Stream.concat(offers.stream(), Stream.of(new Place(bookingId, now))).toList()));
    }

    public boolean holds(String bookingId) {
        return offers.stream().anyMatch(place -> place.bookingId().equals(bookingId));
    }

    public OfferLimit without(Collection<String> bookingIds) {
        return new OfferLimit(customerKey, offers.stream().filter(place -> !bookingIds.contains(place.bookingId())).toList());
    }
}
