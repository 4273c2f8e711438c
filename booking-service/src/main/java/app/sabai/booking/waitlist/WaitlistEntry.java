package app.sabai.booking.waitlist;

import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.SessionToScreen;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingDetails;
import app.sabai.booking.lifecycle.WaitlistOffer;
import app.sabai.booking.request.ValidWaitlistEntry;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A waitlist entry as stored in {@code waitlist} (one document per entry, read and written by {@code _id}): what the
 * customer waits for at the branch, who they are, the intake their offers are screened with (null when none was given),
 * and the slot held or offered to them ({@code offer}: set while a hold is decided, kept once offered). {@code bookingId}
 * is the booking the accepted offer became.
 * <p>
 * The entry follows the booking of its offer ({@link #follow}): offered, accepted (BOOKED), declined, expired, or a hold
 * that could not be had or lapsed (WAITING again).
 */
public record WaitlistEntry(
        String id,
        WaitlistStatus status,
        String branchId,
        Wish wish,
        Customer customer,
        String customerId,
        Preferences preferences,
        List<BodyArea> bodyAreas,
        HomeVisit homeVisit,
        Intake intake,
        EntryOffer offer,
        String bookingId,
        Instant createdAt,
        Instant updatedAt) {

    public WaitlistEntry {
        bodyAreas = bodyAreas == null ? List.of() : List.copyOf(bodyAreas);
    }

    /** Told to the therapist of an offer made without an intake. */
    public static final String NO_INTAKE = "No intake on file: take the customer's intake before the session.";

    public static WaitlistEntry open(String id, ValidWaitlistEntry valid, String customerId, Instant now) {
        Wish wish = new Wish(valid.technique(), valid.durationMinutes(), valid.branch().zone(), valid.from(), valid.to(), valid.weekdays(),
                valid.earliest(), valid.latest());
        return new WaitlistEntry(id, WaitlistStatus.WAITING, valid.branch().id(), wish, valid.customer(), customerId, valid.preferences(),
                valid.bodyAreas(), valid.homeVisit(), valid.intake(), null, null, now, now);
    }

    /** The entry as the branch's list keeps it, under the customer's key. */
    public BranchWaitlist.Waiting waiting(String customerKey) {
        return new BranchWaitlist.Waiting(id, customerKey, wish, createdAt, null);
    }

    /** The session of an offer from {@code start} to {@code end}, as a booking asks for it. */
    public BookingDetails details(Instant start, Instant end) {
        return new BookingDetails(branchId, wish.technique(), wish.durationMinutes(), start, end, wish.zone(), customer, preferences,
                bodyAreas, homeVisit);
    }

    /** The session the intake is screened for, starting at {@code start}. */
    public SessionToScreen session(Instant start) {
        return new SessionToScreen(wish.technique(), bodyAreas, LocalDate.ofInstant(start, wish.zone()));
    }

    /** The intake to screen offers with: the one given, or nothing declared when none was. */
    public Intake intakeToScreen() {
        return intake == null ? Intake.nothingToDeclare() : intake;
    }

    /** What the screening demands, and, when the entry has no intake, that the therapist takes one first. */
    public CareRequirements requirements(CareRequirements screened) {
        if (intake != null) {
            return screened;
        }
        return new CareRequirements(screened.prenatalCertified(), screened.seniorTherapist(), screened.gentlePressureOnly(),
                screened.excludedAreas(), Stream.concat(screened.notesForTherapist().stream(), Stream.of(NO_INTAKE)).toList());
    }

    /** A hold whose booking was never made is dropped: the entry waits again; empty when it holds no such hold. */
    public Optional<WaitlistEntry> dropped(String holdingBookingId, Instant now) {
        return status == WaitlistStatus.WAITING && offer != null && offer.bookingId().equals(holdingBookingId)
                ? Optional.of(with(WaitlistStatus.WAITING, null, bookingId, now)) : Optional.empty();
    }

    /** The slot held (or offered) for the entry: its booking, the session, until when it holds, and the therapist once offered. */
    public record EntryOffer(String bookingId, Instant start, Instant end, Instant expiresAt, String therapistName) {
    }

    /** The status as it reads now: an offer past its hold time, or a window passed without one, reads EXPIRED. */
    public WaitlistStatus statusAt(Instant now) {
        if (status == WaitlistStatus.OFFERED && offer != null && !offer.expiresAt().isAfter(now)) {
            return WaitlistStatus.EXPIRED;
        }
        if (status == WaitlistStatus.WAITING && offer == null && wish.passed(now)) {
            return WaitlistStatus.EXPIRED;
        }
        return status;
    }

    /** What the customer may do with the entry in this status: the last segment of the command's path ({@code cancellation} is {@code DELETE}). */
    public static List<String> actionsIn(WaitlistStatus status) {
        return switch (status) {
            case WAITING -> List.of("cancellation");
            case OFFERED -> List.of("acceptance", "decline", "cancellation");
            case BOOKED, DECLINED, EXPIRED, CANCELLED -> List.of();
        };
    }

    /** Whether a slot may be held for the entry by this booking: it waits, and holds no other. */
    public boolean canHold(String holdingBookingId) {
        return status == WaitlistStatus.WAITING && (offer == null || offer.bookingId().equals(holdingBookingId));
    }

    /** The entry holding the slot; empty when it holds it already. */
    public Optional<WaitlistEntry> holding(EntryOffer held, Instant now) {
        if (offer != null && offer.bookingId().equals(held.bookingId())) {
            return Optional.empty();
        }
        return Optional.of(with(WaitlistStatus.WAITING, held, bookingId, now));
    }

    /** Cancelled by its customer (keeping its offer, which ends with it); empty when cancelled before. */
    public Optional<WaitlistEntry> cancelled(Instant now) {
        return status == WaitlistStatus.CANCELLED ? Optional.empty() : Optional.of(with(WaitlistStatus.CANCELLED, offer, bookingId, now));
    }

    /** What to do about the branch's list after the offer's booking changed. */
    public enum BranchStep {
        /** Nothing. */
        NONE,
        /** The entry leaves the branch's list (offered, booked, ended). */
        LEAVE,
        /** The hold is released and the entry waits again. */
        RELEASE,
        /** The hold is released, and the free time it held passes to the next entry it fits. */
        PASS_ON
    }

    /**
     * What follows a change of the offer's booking: the entry as it must now be (empty when it is so already), whether the
     * offer must be withdrawn (the customer cancelled the entry meanwhile), whether the booking goes on the customer's
     * file (it was offered to them), whether the offer is closed (no longer open: its place among the open offers and the
     * customer's count are freed), and the step for the branch's list.
     */
    public record FollowUp(Optional<WaitlistEntry> entry, boolean withdraw, boolean listOnFile, boolean closeOffer, BranchStep branch) {
    }

    public FollowUp follow(Booking booking, Instant now) {
        String holder = booking.id();
        boolean mine = offer != null && offer.bookingId().equals(holder);
        WaitlistOffer.End ended = booking.offer() == null ? null : booking.offer().ended();
        return switch (booking.status()) {
            case OFFER_REQUESTED -> new FollowUp(Optional.empty(), status == WaitlistStatus.CANCELLED, false, false, BranchStep.NONE);
            case OFFERED -> {
                if (status == WaitlistStatus.CANCELLED) {
                    yield new FollowUp(Optional.empty(), true, false, false, BranchStep.LEAVE);
                }
                EntryOffer offered = new EntryOffer(holder, booking.start(), booking.end(), booking.offerExpiresAt(),
                        booking.therapist() == null ? null : booking.therapist().name());
                boolean inStep = status == WaitlistStatus.OFFERED && offered.equals(offer);
                yield new FollowUp(inStep ? Optional.empty() : Optional.of(with(WaitlistStatus.OFFERED, offered, bookingId, now)),
                        false, true, false, BranchStep.LEAVE);
            }
            case REJECTED -> new FollowUp(back(mine, now), false, false, true, BranchStep.PASS_ON);
            case CANCELLED -> switch (ended == null ? WaitlistOffer.End.ACCEPTED : ended) {
                case ACCEPTED -> booked(holder, now);
                case DECLINED -> new FollowUp(ended(mine, WaitlistStatus.DECLINED, now), false, false, true, BranchStep.LEAVE);
                case EXPIRED -> new FollowUp(ended(mine, WaitlistStatus.EXPIRED, now), false, false, true, BranchStep.LEAVE);
                case LAPSED -> new FollowUp(back(mine, now), false, false, true, BranchStep.RELEASE);
                case WITHDRAWN -> new FollowUp(Optional.empty(), false, false, true, BranchStep.LEAVE);
            };
            case CONFIRMED, RESCHEDULE_REQUESTED, COMPLETED, NO_SHOW, NEEDS_ATTENTION, REQUESTED -> booked(holder, now);
        };
    }

    private FollowUp booked(String holder, Instant now) {
        boolean inStep = status == WaitlistStatus.BOOKED && holder.equals(bookingId);
        return new FollowUp(inStep ? Optional.empty() : Optional.of(with(WaitlistStatus.BOOKED, offer, holder, now)),
                false, true, true, BranchStep.LEAVE);
    }

    /** The hold could not be had: the entry waits again (unless it moved on meanwhile). */
    private Optional<WaitlistEntry> back(boolean mine, Instant now) {
        return mine && status == WaitlistStatus.WAITING ? Optional.of(with(WaitlistStatus.WAITING, null, bookingId, now)) : Optional.empty();
    }

    private Optional<WaitlistEntry> ended(boolean mine, WaitlistStatus end, Instant now) {
        return mine && status == WaitlistStatus.OFFERED ? Optional.of(with(end, offer, bookingId, now)) : Optional.empty();
    }

    private WaitlistEntry with(WaitlistStatus status, EntryOffer offer, String bookingId, Instant now) {
        return new WaitlistEntry(id, status, branchId, wish, customer, customerId, preferences, bodyAreas, homeVisit, intake, offer,
                bookingId, createdAt, now);
    }
}
