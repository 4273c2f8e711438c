package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.adapter.BookingCommands;
import app.sabai.booking.lifecycle.adapter.BookingFollowUp;
import app.sabai.booking.lifecycle.adapter.TransitionRefusedException;
import app.sabai.booking.waitlist.WaitlistEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Keeps a waitlist entry, its branch's list, the open offers and the customer's count of them in step with the booking
 * of its offer ({@link WaitlistEntry#follow}): offered (the entry OFFERED, the booking on the customer's file, the entry
 * off the branch's list), accepted (BOOKED), declined or expired (DECLINED, EXPIRED), a hold that could not be had (the
 * entry waits again and the free time passes to the next entry) or that lapsed (the entry waits again). An offer whose
 * entry was cancelled meanwhile is withdrawn. Every step changes nothing when it was taken before.
 */
@Component
class WaitlistFollowUp implements BookingFollowUp {

    private static final Logger log = LoggerFactory.getLogger(WaitlistFollowUp.class);
    private static final int ATTEMPTS = 5;

    private final WaitlistEntries entries;
    private final WaitlistMatcher matcher;
    private final OpenOffers openOffers;
    private final OfferPlaces places;
    private final CustomerFile customers;
    private final ObjectProvider<BookingCommands> commands;
    private final Clock clock;

    WaitlistFollowUp(WaitlistEntries entries, WaitlistMatcher matcher, OpenOffers openOffers, OfferPlaces places, CustomerFile customers,
                     ObjectProvider<BookingCommands> commands, Clock clock) {
        this.entries = entries;
        this.matcher = matcher;
        this.openOffers = openOffers;
        this.places = places;
        this.customers = customers;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void after(Booking booking) {
        if (booking.waitlistId() == null) {
            return;
        }
        String customerKey = CustomerFile.keyOf(booking.customer().email());
        WaitlistEntry.FollowUp followUp = null;
        WaitlistEntry entry = null;
        for (int attempt = 1; attempt <= ATTEMPTS && followUp == null; attempt++) {
            Optional<WaitlistEntries.StoredEntry> stored = entries.find(booking.waitlistId());
            if (stored.isEmpty()) {
                log.warn("Booking {} is an offer for waitlist entry {}, which is not stored", booking.id(), booking.waitlistId());
                return;
            }
            WaitlistEntry.FollowUp next = stored.get().entry().follow(booking, now());
            if (next.entry().isEmpty() || entries.write(stored.get(), next.entry().get())) {
                followUp = next;
                entry = next.entry().orElse(stored.get().entry());
            }
        }
        if (followUp == null) {
            throw new OptimisticLockingFailureException("Waitlist entry " + booking.waitlistId() + " kept changing");
        }
        if (followUp.withdraw()) {
            withdraw(booking);
        }
        if (followUp.listOnFile()) {
            customers.addBooking(booking.customer().email(), booking.id());
        }
        switch (followUp.branch()) {
            case NONE -> {
            }
            case LEAVE -> matcher.leave(entry.branchId(), entry.id());
            case RELEASE -> matcher.release(entry.branchId(), booking.id());
            case PASS_ON -> matcher.passOn(entry.branchId(), booking.id());
        }
        if (followUp.closeOffer()) {
            openOffers.closed(booking.id());
            places.free(customerKey, booking.id());
        }
    }

    /** The entry was cancelled while its offer was held: the offer ends with it. */
    private void withdraw(Booking booking) {
        try {
            commands.getObject().withdrawOffer(booking.id(), Optional.empty());
            log.info("Offer {} withdrawn: its waitlist entry {} was cancelled", booking.id(), booking.waitlistId());
        } catch (TransitionRefusedException moved) {
            log.info("Offer {} of cancelled waitlist entry {} could not be withdrawn: {}", booking.id(), booking.waitlistId(),
                    moved.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
