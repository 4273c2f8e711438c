package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.lifecycle.BookingSummary;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.waitlist.OfferLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The limit on a customer's open offers ({@code max-open-offers}): a place is taken, guarded by the customer's document,
 * before a slot is held for them, and freed once the offer is closed. A customer whose places are all taken is checked
 * for places left behind (an offer that is over, or a hold whose booking was never made, its place taken minutes ago),
 * which are freed: a crash never locks a customer out of the waitlist.
 */
@Component
class OfferPlaces {

    private static final Logger log = LoggerFactory.getLogger(OfferPlaces.class);
    private static final int ATTEMPTS = 5;
    /** A place taken longer ago than this whose booking does not exist was left behind by a crash. */
    static final Duration LEFT_BEHIND = Duration.ofMinutes(2);

    private final OfferLimits limits;
    private final Bookings bookings;
    private final WaitlistProperties properties;

    OfferPlaces(OfferLimits limits, Bookings bookings, WaitlistProperties properties) {
        this.limits = limits;
        this.bookings = bookings;
        this.properties = properties;
    }

    /** Takes a place for the offer {@code bookingId}; false when the customer has as many offers open as they may. */
    boolean take(String customerKey, String bookingId, Instant now) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            OfferLimits.StoredLimit stored = limits.find(customerKey);
            switch (stored.limit().reserve(bookingId, now, properties.maxOpenOffers())) {
                case OfferLimit.HeldAlready held -> {
                    return true;
                }
                case OfferLimit.Reserved reserved -> {
                    if (limits.write(stored, reserved.limit())) {
                        return true;
                    }
                }
                case OfferLimit.Full full -> {
                    List<String> leftBehind = leftBehind(full.places(), now);
                    if (leftBehind.isEmpty()) {
                        log.info("Customer {} has {} offers open: no more for now", customerKey, full.places().size());
                        return false;
                    }
                    log.info("Customer {}: freeing places of offers that are over: {}", customerKey, leftBehind);
                    limits.write(stored, stored.limit().without(leftBehind));
                }
            }
        }
        throw new OptimisticLockingFailureException("The open offers of " + customerKey + " kept changing");
    }

    /** Frees the offer's place; freeing one that is free changes nothing. */
    void free(String customerKey, String bookingId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            OfferLimits.StoredLimit stored = limits.find(customerKey);
            if (!stored.limit().holds(bookingId) || limits.write(stored, stored.limit().without(List.of(bookingId)))) {
                return;
            }
        }
        throw new OptimisticLockingFailureException("The open offers of " + customerKey + " kept changing");
    }

    private List<String> leftBehind(List<OfferLimit.Place> places, Instant now) {
        Map<String, BookingSummary> found = bookings.summaries(places.stream().map(OfferLimit.Place::bookingId).toList()).stream()
                .collect(Collectors.toMap(BookingSummary::bookingId, Function.identity()));
        return places.stream()
                .filter(place -> {
                    BookingSummary booking = found.get(place.bookingId());
                    return booking == null ? place.takenAt().isBefore(now.minus(LEFT_BEHIND)) : !booking.status().isOffer();
                })
                .map(OfferLimit.Place::bookingId)
                .toList();
    }
}
