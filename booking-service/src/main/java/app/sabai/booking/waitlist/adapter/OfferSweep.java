package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.adapter.BookingCommands;
import app.sabai.booking.lifecycle.adapter.BookingFollowUps;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.lifecycle.adapter.TransitionRefusedException;
import app.sabai.support.lifecycle.PeriodicSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Offers end in time: every {@code offer-sweep-interval} the open offers ({@link OpenOffers}, a handful however many
 * bookings are stored) are looked over, and one past its hold time is ended: an offer still held or offered is cancelled
 * by the system, free ({@code BookingCancelled}, "offer expired"), after which therapist-service releases its slot and it
 * passes to the next entry; an offer that is over already only has what follows it brought in step; a hold whose booking
 * was never made is dropped and its free time passed on. Only expired offers' bookings are read, by {@code _id}.
 */
@Component
class OfferSweep extends PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(OfferSweep.class);

    private final OpenOffers openOffers;
    private final ObjectProvider<BookingCommands> commands;
    private final Bookings bookings;
    private final BookingFollowUps followUps;
    private final WaitlistMatcher matcher;
    private final WaitlistProperties properties;
    private final Clock clock;

    OfferSweep(OpenOffers openOffers, ObjectProvider<BookingCommands> commands,
               Bookings bookings, BookingFollowUps followUps, WaitlistMatcher matcher,
               WaitlistProperties properties, Clock clock) {
        super("offer-sweep", properties.offerSweepInterval(), properties.offerSweepInterval(), "Looking over the open waitlist offers");
        this.openOffers = openOffers;
        this.commands = commands;
        this.bookings = bookings;
        this.followUps = followUps;
        this.matcher = matcher;
        this.properties = properties;
        this.clock = clock;
    }

    /** Ends every offer past its hold time; answers how many were ended now. */
    int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int ended = 0;
        for (OpenOffers.OpenOffer offer : openOffers.all()) {
            if (offer.expiresAt() == null || offer.expiresAt().isAfter(now)) {
                continue;
            }
            Optional<Booking> booking = bookings.find(offer.id());
            if (booking.isEmpty()) {
                log.warn("Offer {} for waitlist entry {} expired without its booking ever being stored: dropping it", offer.id(),
                        offer.waitlistId());
                matcher.dropUnmade(offer.branchId(), offer.waitlistId(), offer.id());
                openOffers.closed(offer.id());
                continue;
            }
            if (booking.get().status().isOffer()) {
                try {
                    commands.getObject().expireOffer(offer.id());
                    log.info("Offer {} for waitlist entry {} expired at {}", offer.id(), offer.waitlistId(), offer.expiresAt());
                    ended++;
                } catch (TransitionRefusedException movedOn) {
                    followUps.inStep(bookings.find(offer.id()).orElse(booking.get()));
                }
            } else {
                followUps.inStep(booking.get());
            }
        }
        return ended;
    }

    @Override
    protected void sweepOnce() {
        sweep();
    }
}
