package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.intake.IntakeScreening;
import app.sabai.booking.intake.ScreeningDecision;
import app.sabai.booking.intake.adapter.IntakeProperties;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingSummary;
import app.sabai.booking.lifecycle.IdempotencyRecord;
import app.sabai.booking.lifecycle.OpenedBooking;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.lifecycle.adapter.FreedTime;
import app.sabai.booking.request.BookingRequestValidator;
import app.sabai.booking.view.BookingView;
import app.sabai.booking.waitlist.BranchWaitlist;
import app.sabai.booking.waitlist.BranchWaitlist.Candidate;
import app.sabai.booking.waitlist.BranchWaitlist.Hold;
import app.sabai.booking.waitlist.BranchWaitlist.Waiting;
import app.sabai.booking.waitlist.FreeTime;
import app.sabai.booking.waitlist.WaitlistEntry;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Offers free time to the branch's waitlist. A released slot (exactly its start), a withdrawn absence or a period of
 * working time a roster change added (the earliest quarter hour of the period that fits) goes to the first entry, in
 * order of creation, it fits, whose customer may have another offer open. The decision is one write of the branch's list,
 * guarded by its version and recording its cause (the event, a period of it, or the hold passed on), so the same cause
 * applied again offers nothing twice. Then the offer is made, each step repeatable: noted among the open offers, held on
 * the entry, and stored as an {@code OFFER_REQUESTED} booking with its {@code BookingRequested} (with the entry's id and
 * until when the offer holds), which therapist-service holds like any request. When the cause was applied before,
 * whatever the list holds that was never made is made now.
 * <p>
 * A hold that cannot be had (rejected, or the entry cancelled meanwhile, or its intake declines the session) passes the
 * free time on to the next entry it fits, never back to one it was tried for.
 */
@Component
class WaitlistMatcher implements FreedTime {

    private static final Logger log = LoggerFactory.getLogger(WaitlistMatcher.class);
    private static final int ATTEMPTS = 5;

    private final BranchWaitlists branches;
    private final WaitlistEntries entries;
    private final OpenOffers openOffers;
    private final OfferPlaces places;
    private final Bookings bookings;
    private final BranchCatalogue catalogue;
    private final WaitlistProperties properties;
    private final IntakeScreening screening;
    private final Clock clock;
    private final JsonMapper json;

    WaitlistMatcher(BranchWaitlists branches, WaitlistEntries entries, OpenOffers openOffers, OfferPlaces places, Bookings bookings,
                    BranchCatalogue catalogue, WaitlistProperties properties, IntakeProperties intake, Clock clock, JsonMapper json) {
        this.branches = branches;
        this.entries = entries;
        this.openOffers = openOffers;
        this.places = places;
        this.bookings = bookings;
        this.catalogue = catalogue;
        this.properties = properties;
        this.screening = new IntakeScreening(intake.surgeryWeeks());
        this.clock = clock;
        this.json = json;
    }

    @Override
    public void slotReleased(SlotReleased released) {
        if (released.branchId() == null || released.start() == null || released.end() == null) {
            log.warn("SlotReleased {} names no branch or time: nothing to offer", released.eventId());
            return;
        }
        offer(new FreeTime(released.branchId(), released.start(), released.end(), released.technique(), true,
                released.eventId().toString()), released.eventId());
    }

    @Override
    public void absenceWithdrawn(TherapistAbsenceWithdrawn withdrawn) {
        if (withdrawn.branchId() == null || withdrawn.from() == null || withdrawn.to() == null) {
            log.warn("TherapistAbsenceWithdrawn {} names no branch or period: nothing to offer", withdrawn.eventId());
            return;
        }
        offer(new FreeTime(withdrawn.branchId(), withdrawn.from(), withdrawn.to(), null, false, withdrawn.eventId().toString()),
                withdrawn.eventId());
    }

    /**
     * Each period the change opened is offered on its own, caused by the event and the period's place in it, so the
     * same event applied again offers nothing twice.
     */
    @Override
    public void rosterOpened(TherapistRosterChanged changed) {
        for (int i = 0; i < changed.opened().size(); i++) {
            TherapistRosterChanged.Opened opened = changed.opened().get(i);
            if (opened.branchId() == null || opened.from() == null || opened.to() == null) {
                log.warn("TherapistRosterChanged {} opens time {} with no branch or period: nothing to offer", changed.eventId(), i);
                continue;
            }
            UUID cause = nameUuidOf("roster/" + changed.eventId() + "/opened/" + i);
            offer(new FreeTime(opened.branchId(), opened.from(), opened.to(), null, false, cause.toString()), cause);
        }
    }

    /** Offers the free time to the first entry it fits. */
    void offer(FreeTime free, UUID cause) {
        decide(free.branchId(), cause, waitlist -> Optional.of(new Plan(waitlist, free, Set.of())));
    }

    /** The hold of {@code bookingId} is over: its entry waits again, and the free time it held goes to the next entry it fits. */
    void passOn(String branchId, String bookingId) {
        decide(branchId, nameUuidOf("pass-on/" + bookingId), waitlist -> waitlist.holding(bookingId).map(holder ->
                new Plan(waitlist.released(bookingId), holder.hold().free(), Set.copyOf(holder.hold().tried()))));
    }

    /** The hold of {@code bookingId} is over and its entry waits again; nothing is passed on. */
    void release(String branchId, String bookingId) {
        change(branchId, waitlist -> waitlist.holding(bookingId).isPresent() ? Optional.of(waitlist.released(bookingId)) : Optional.empty());
    }

    /** The entry waits here no more. */
    void leave(String branchId, String waitlistId) {
        change(branchId, waitlist -> waitlist.entry(waitlistId).isPresent() ? Optional.of(waitlist.without(waitlistId)) : Optional.empty());
    }

    /** The entry waits here from now on, after every entry made before it. */
    void join(String branchId, Waiting waiting) {
        change(branchId, waitlist -> waitlist.entry(waiting.waitlistId()).isPresent() ? Optional.empty() : Optional.of(waitlist.with(waiting)));
    }

    /** Makes every offer the branch's list holds whose booking was never stored. */
    void completeHolds(String branchId) {
        completeHolds(branches.find(branchId));
    }

    /** A hold whose booking was never made, found at its expiry: its entry waits again and the free time passes on. */
    void dropUnmade(String branchId, String waitlistId, String bookingId) {
        if (bookings.find(bookingId).isPresent()) {
            return;
        }
        entries.find(waitlistId).ifPresent(stored -> stored.entry().dropped(bookingId, now()).ifPresent(entry -> entries.write(stored, entry)));
        passOn(branchId, bookingId);
    }

    private record Plan(BranchWaitlist base, FreeTime free, Set<String> tried) {
    }

    private void decide(String branchId, UUID cause, Function<BranchWaitlist, Optional<Plan>> planner) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            BranchWaitlists.StoredBranch stored = branches.find(branchId);
            if (stored.hasApplied(cause)) {
                log.info("Free time {} at {} was offered before: making what was not made", cause, branchId);
                completeHolds(stored);
                return;
            }
            Optional<Plan> plan = planner.apply(stored.waitlist());
            if (plan.isEmpty()) {
                return;
            }
            Instant now = now();
            BranchWaitlist base = plan.get().base();
            Optional<Candidate> chosen = choose(base, plan.get(), cause, now);
            if (chosen.isEmpty()) {
                if (base.equals(stored.waitlist())) {
                    log.info("Free time {} at {} ({} – {}) fits nobody waiting", cause, branchId, plan.get().free().start(),
                            plan.get().free().end());
                    return;
                }
                if (branches.write(stored, base.pruned(now), cause)) {
                    log.info("Free time {} at {} fits nobody else waiting", cause, branchId);
                    return;
                }
                continue;
            }
            Waiting waiting = chosen.get().waiting();
            Instant start = chosen.get().start();
            Hold hold = new Hold(offerId(waiting.waitlistId(), cause), start, start.plus(waiting.wish().duration()),
                    now.plus(properties.offerHold()), plan.get().free(),
                    Stream.concat(plan.get().tried().stream(), Stream.of(waiting.waitlistId())).toList());
            if (branches.write(stored, base.holding(waiting.waitlistId(), hold).pruned(now), cause)) {
                log.info("Free time {} at {}: offering {} to waitlist entry {} (booking {})", cause, branchId, start,
                        waiting.waitlistId(), hold.bookingId());
                make(branchId, waiting, hold);
                return;
            }
            places.free(waiting.customerKey(), hold.bookingId());
        }
        throw new OptimisticLockingFailureException("The waitlist of " + branchId + " kept changing while offering free time " + cause);
    }

    /** The first candidate whose customer may have one more offer open, their place taken. */
    private Optional<Candidate> choose(BranchWaitlist waitlist, Plan plan, UUID cause, Instant now) {
        Optional<Branch> branch = catalogue.find(waitlist.branchId());
        BiPredicate<Instant, Instant> open = (start, end) -> branch.isEmpty()
                || BookingRequestValidator.outsideOpeningHours(branch.get(), start, end).isEmpty();
        for (Candidate candidate : waitlist.candidates(plan.free(), plan.tried(), now.plus(properties.offerHold()),
                now.plus(BookingRequestValidator.HORIZON), open)) {
            if (places.take(candidate.waiting().customerKey(), offerId(candidate.waiting().waitlistId(), cause), now)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private void change(String branchId, Function<BranchWaitlist, Optional<BranchWaitlist>> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            BranchWaitlists.StoredBranch stored = branches.find(branchId);
            Optional<BranchWaitlist> changed = change.apply(stored.waitlist());
            if (changed.isEmpty() || branches.write(stored, changed.get().pruned(now()), null)) {
                return;
            }
        }
        throw new OptimisticLockingFailureException("The waitlist of " + branchId + " kept changing");
    }

    private void completeHolds(BranchWaitlists.StoredBranch stored) {
        List<Waiting> holding = stored.waitlist().entries().stream().filter(waiting -> waiting.hold() != null).toList();
        if (holding.isEmpty()) {
            return;
        }
        Set<String> made = bookings.summaries(holding.stream().map(waiting -> waiting.hold().bookingId()).toList()).stream()
                .map(BookingSummary::bookingId).collect(Collectors.toCollection(HashSet::new));
        for (Waiting waiting : holding) {
            if (!made.contains(waiting.hold().bookingId())) {
                make(stored.waitlist().branchId(), waiting, waiting.hold());
            }
        }
    }

    /**
     * Makes the offer the list holds: noted as open, held on the entry, stored as a booking with its event. An entry that
     * no longer waits, or whose intake declines the session, gives the hold up and the free time passes on.
     */
    private void make(String branchId, Waiting waiting, Hold hold) {
        if (bookings.find(hold.bookingId()).isPresent()) {
            return;
        }
        Instant now = now();
        Optional<WaitlistEntries.StoredEntry> stored = entries.find(waiting.waitlistId());
        if (stored.isEmpty() || !stored.get().entry().canHold(hold.bookingId())) {
            giveUp(branchId, waiting, hold, "the entry no longer waits");
            return;
        }
        WaitlistEntry entry = stored.get().entry();
        ScreeningDecision screened = screening.screen(entry.session(hold.start()), entry.intakeToScreen());
        if (!(screened instanceof ScreeningDecision.Accepted accepted)) {
            giveUp(branchId, waiting, hold, "the intake declines the session: " + ((ScreeningDecision.Declined) screened).detail());
            return;
        }
        openOffers.open(new OpenOffers.OpenOffer(hold.bookingId(), entry.id(), branchId, waiting.customerKey(), hold.expiresAt(), now));
        if (!holdOnEntry(entry.id(), hold, now)) {
            giveUp(branchId, waiting, hold, "the entry no longer waits");
            return;
        }
        OpenedBooking opened = OpenedBooking.open(hold.bookingId(), entry.customerId(), entry.details(hold.start(), hold.end()),
                new ScreeningDecision.Accepted(entry.requirements(accepted.requirements())), now,
                Booking.Links.offer(entry.id(), hold.expiresAt()));
        try {
            bookings.insert(opened.booking(), new IdempotencyRecord(hold.bookingId(), "waitlist/" + entry.id(),
                    json.writeValueAsString(BookingView.of(opened.booking()))), List.of(opened.event()));
        } catch (DuplicateKeyException madeMeanwhile) {
            log.info("Offer {} for waitlist entry {} was made meanwhile", hold.bookingId(), entry.id());
        }
    }

    private boolean holdOnEntry(String waitlistId, Hold hold, Instant now) {
        WaitlistEntry.EntryOffer held = new WaitlistEntry.EntryOffer(hold.bookingId(), hold.start(), hold.end(), hold.expiresAt(), null);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<WaitlistEntries.StoredEntry> stored = entries.find(waitlistId);
            if (stored.isEmpty() || !stored.get().entry().canHold(hold.bookingId())) {
                return false;
            }
            Optional<WaitlistEntry> holding = stored.get().entry().holding(held, now);
            if (holding.isEmpty() || entries.write(stored.get(), holding.get())) {
                return true;
            }
        }
        throw new OptimisticLockingFailureException("Waitlist entry " + waitlistId + " kept changing while a slot was held for it");
    }

    private void giveUp(String branchId, Waiting waiting, Hold hold, String why) {
        log.info("Offer {} for waitlist entry {} is given up ({}): passing the free time on", hold.bookingId(), waiting.waitlistId(), why);
        openOffers.closed(hold.bookingId());
        passOn(branchId, hold.bookingId());
        places.free(waiting.customerKey(), hold.bookingId());
    }

    /** The booking of the offer of free time {@code cause} to an entry: the same for both whenever it is decided again. */
    static String offerId(String waitlistId, UUID cause) {
        return nameUuid("waitlist/" + waitlistId + "/offer/" + cause);
    }

    private static UUID nameUuidOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String nameUuid(String name) {
        return nameUuidOf(name).toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
