package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.idempotency.IdempotencyDays;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.intake.adapter.OnBehalf;
import app.sabai.booking.lifecycle.adapter.BookingAccess;
import app.sabai.booking.lifecycle.adapter.BookingCommands;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.lifecycle.adapter.TransitionRefusedException;
import app.sabai.booking.request.BookingRequest;
import app.sabai.booking.request.ValidWaitlistEntry;
import app.sabai.booking.request.WaitlistRequest;
import app.sabai.booking.request.WaitlistRequestValidator;
import app.sabai.booking.request.WaitlistValidation;
import app.sabai.booking.waitlist.WaitlistEntry;
import app.sabai.booking.waitlist.WaitlistStatus;
import app.sabai.booking.waitlist.WaitlistView;
import app.sabai.support.security.Caller;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The waitlist as customers use it: an entry is made (stored, then put on its branch's list, each write repeatable; with
 * an {@code Idempotency-Key} its id follows from the key, so a retry finishes what a crash left), read, answered when it
 * is offered a slot (accepted: the booking is confirmed; declined: the slot passes on), or cancelled (an offer it holds
 * ends with it).
 */
@Service
public class WaitlistRequests {

    private static final Logger log = LoggerFactory.getLogger(WaitlistRequests.class);
    private static final int ATTEMPTS = 5;

    private final BranchCatalogue catalogue;
    private final CustomerFile customers;
    private final WaitlistEntries entries;
    private final WaitlistMatcher matcher;
    private final Bookings bookings;
    private final BookingCommands commands;
    private final WaitlistRequestValidator validator = new WaitlistRequestValidator();
    private final Clock clock;

    WaitlistRequests(BranchCatalogue catalogue, CustomerFile customers, WaitlistEntries entries, WaitlistMatcher matcher, Bookings bookings,
                     BookingCommands commands, Clock clock) {
        this.catalogue = catalogue;
        this.customers = customers;
        this.entries = entries;
        this.matcher = matcher;
        this.bookings = bookings;
        this.commands = commands;
        this.clock = clock;
    }

    WaitlistView create(WaitlistRequest sent, Optional<String> idempotencyKey, Caller caller) {
        OnBehalf behalf = OnBehalf.of(caller, sent.branchId(), sent.customer());
        WaitlistRequest request = sent.onBehalfOf(behalf.customer(), behalf.customerIdOr(sent.customerId()));
        Instant now = now();
        Optional<Intake> intakeOnFile = Optional.ofNullable(request.customer())
                .map(BookingRequest.CustomerForm::email)
                .filter(email -> request.intake() == null)
                .flatMap(email -> customers.intakeOf(email, request.customerId()));
        ValidWaitlistEntry valid = switch (validator.validate(request, catalogue.find(request.branchId()), intakeOnFile, now)) {
            case WaitlistValidation.Valid v -> v.entry();
            case WaitlistValidation.Invalid invalid -> throw new InvalidRequestException(invalid.problems());
        };
        String id = idOf(idempotencyKey, now);
        String email = valid.customer().email();
        String customerId = customers.idOf(email, behalf.signedInCustomer());
        if (valid.intakeSent()) {
            customers.keepIntake(email, customerId, valid.intake(), now);
        }
        WaitlistEntry entry = WaitlistEntry.open(id, valid, customerId, now);
        try {
            entries.insert(entry);
        } catch (DuplicateKeyException storedBefore) {
            log.info("Waitlist entry {} was stored by an earlier attempt of the same request", id);
            entry = entries.find(id).orElseThrow().entry();
        }
        if (entry.status() == WaitlistStatus.WAITING) {
            matcher.join(entry.branchId(), entry.waiting(CustomerFile.keyOf(email)));
        }
        return WaitlistView.of(entry, now);
    }

    /**
     * A new entry's id: random, or with an {@code Idempotency-Key} one that follows from the key, so a retry after a failure
     * part-way finds the entry it began; an entry of that id made longer ago than keys are kept came from an earlier use of
     * the key, and the new one gets a random id.
     */
    private String idOf(Optional<String> idempotencyKey, Instant now) {
        if (idempotencyKey.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        String derived = UUID.nameUUIDFromBytes(("waitlist/" + idempotencyKey.get()).getBytes(StandardCharsets.UTF_8)).toString();
        boolean keyUsedBefore = entries.find(derived).map(stored -> IdempotencyDays.expired(stored.entry().createdAt(), now)).orElse(false);
        return keyUsedBefore ? UUID.randomUUID().toString() : derived;
    }

    /** Answers as if the entry did not exist unless the caller may see it ({@code change}: change it). */
    void checkAccess(String waitlistId, Caller caller, boolean change) {
        accessible(waitlistId, caller, change);
    }

    /** The entry as its view, read once, or not found unless the caller may see it. */
    WaitlistView view(String waitlistId, Caller caller) {
        return WaitlistView.of(accessible(waitlistId, caller, false), now());
    }

    private WaitlistView view(String waitlistId) {
        return WaitlistView.of(find(waitlistId), now());
    }

    private WaitlistEntry accessible(String waitlistId, Caller caller, boolean change) {
        WaitlistEntry entry = find(waitlistId);
        boolean allowed = change ? BookingAccess.changes(caller, entry.customerId(), entry.branchId())
                : BookingAccess.sees(caller, entry.customerId(), entry.branchId());
        if (!allowed) {
            throw new NotFoundException("waitlist entry", waitlistId);
        }
        return entry;
    }

    /** The customer takes the slot offered: answers the booking's id (now CONFIRMED). */
    String accept(String waitlistId, Optional<String> commandKey) {
        WaitlistEntry entry = find(waitlistId);
        WaitlistStatus status = entry.statusAt(now());
        if (status == WaitlistStatus.BOOKED && commandKey.isPresent() && entry.bookingId() != null
                && bookings.findStored(entry.bookingId()).map(stored -> stored.hasApplied(commandKey.get())).orElse(false)) {
            return entry.bookingId();
        }
        if (status != WaitlistStatus.OFFERED) {
            throw new WaitlistRefusedException(waitlistId, status, "acceptance");
        }
        return commands.acceptOffer(entry.offer().bookingId(), commandKey).id();
    }

    /** The customer turns the offer down: it ends, free, and the slot passes to the next entry. */
    WaitlistView decline(String waitlistId, Optional<String> commandKey) {
        WaitlistEntry entry = find(waitlistId);
        WaitlistStatus status = entry.statusAt(now());
        if (status != WaitlistStatus.OFFERED) {
            throw new WaitlistRefusedException(waitlistId, status, "decline");
        }
        commands.declineOffer(entry.offer().bookingId(), commandKey);
        return view(waitlistId);
    }

    /** The customer's entries as they stand now, for their export. */
    public List<WaitlistView> entriesOf(String customerId) {
        Instant now = now();
        return entries.ofCustomer(customerId).stream().map(entry -> WaitlistView.of(entry, now)).toList();
    }

    /** The customer's data is erased: their entries that still wait are cancelled, and every entry forgets them. */
    public void forget(String customerId) {
        Instant now = now();
        for (WaitlistEntry entry : entries.ofCustomer(customerId)) {
            WaitlistStatus status = entry.statusAt(now);
            if (status == WaitlistStatus.WAITING || status == WaitlistStatus.OFFERED) {
                cancel(entry.id());
            }
        }
        entries.forget(customerId);
    }

    /**
     * The customer leaves the waitlist: the entry is CANCELLED, any offer it holds ends with it, and it leaves its branch's
     * list. Cancelling it again answers the same; an entry that was booked or ended cannot be.
     */
    public WaitlistView cancel(String waitlistId) {
        WaitlistEntry cancelled = null;
        for (int attempt = 1; attempt <= ATTEMPTS && cancelled == null; attempt++) {
            WaitlistEntries.StoredEntry stored = entries.find(waitlistId).orElseThrow(() -> new NotFoundException("waitlist entry", waitlistId));
            WaitlistStatus status = stored.entry().statusAt(now());
            if (status != WaitlistStatus.WAITING && status != WaitlistStatus.OFFERED && status != WaitlistStatus.CANCELLED) {
                throw new WaitlistRefusedException(waitlistId, status, "cancellation");
            }
            Optional<WaitlistEntry> changed = stored.entry().cancelled(now());
            if (changed.isEmpty()) {
                cancelled = stored.entry();
            } else if (entries.write(stored, changed.get())) {
                cancelled = changed.get();
                log.info("Waitlist entry {} cancelled by its customer", waitlistId);
            }
        }
        if (cancelled == null) {
            throw new OptimisticLockingFailureException("Waitlist entry " + waitlistId + " kept changing while it was cancelled");
        }
        if (cancelled.offer() != null) {
            String offerId = cancelled.offer().bookingId();
            if (bookings.find(offerId).filter(booking -> booking.status().isOffer()).isPresent()) {
                try {
                    commands.withdrawOffer(offerId, Optional.empty());
                } catch (TransitionRefusedException movedOn) {
                    // Accepted or ended meanwhile: what follows that change brings the entry in step.
                    log.info("Offer {} of cancelled waitlist entry {} had moved on: {}", offerId, waitlistId, movedOn.getMessage());
                }
            }
        }
        matcher.leave(cancelled.branchId(), waitlistId);
        return view(waitlistId);
    }

    private WaitlistEntry find(String waitlistId) {
        return entries.find(waitlistId).orElseThrow(() -> new NotFoundException("waitlist entry", waitlistId)).entry();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
