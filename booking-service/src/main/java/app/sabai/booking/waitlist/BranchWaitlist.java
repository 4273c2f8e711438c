package app.sabai.booking.waitlist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The entries waiting at one branch, in the order they were made ({@code waitlist_branches}, one small document per
 * branch, read and written by {@code _id}): what each waits for, whose it is, and the slot being held for it while
 * therapist-service decides the hold. An entry leaves when it is offered a slot, booked, ended, cancelled, or its window
 * has passed. This is where free time is matched to the first entry it fits.
 */
public record BranchWaitlist(String branchId, List<Waiting> entries) {

    public BranchWaitlist {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static BranchWaitlist empty(String branchId) {
        return new BranchWaitlist(branchId, List.of());
    }

    /**
     * An entry waiting here. {@code customerKey} says whose it is (for the limit on open offers); {@code hold} is the
     * slot being held for it (null when none).
     */
    public record Waiting(String waitlistId, String customerKey, Wish wish, Instant createdAt, Hold hold) {

        Waiting holding(Hold hold) {
            return new Waiting(waitlistId, customerKey, wish, createdAt, hold);
        }
    }

    /**
     * A slot held for an entry: the booking that holds it ({@code OFFER_REQUESTED} until therapist-service decides), the
     * session, until when the offer holds, the free time it came from, and the entries this free time was already tried
     * for (this one included), so a hold that cannot be had passes the time on to the next entry and never back.
     */
    public record Hold(String bookingId, Instant start, Instant end, Instant expiresAt, FreeTime free, List<String> tried) {

        public Hold {
            tried = tried == null ? List.of() : List.copyOf(tried);
        }
    }

    /** The entry free time fits, and where its session would start. */
    public record Candidate(Waiting waiting, Instant start) {
    }

    public Optional<Waiting> entry(String waitlistId) {
        return entries.stream().filter(entry -> entry.waitlistId().equals(waitlistId)).findFirst();
    }

    /** The entry the booking holds a slot for. */
    public Optional<Waiting> holding(String bookingId) {
        return entries.stream().filter(entry -> entry.hold() != null && entry.hold().bookingId().equals(bookingId)).findFirst();
    }

    public List<Hold> holds() {
        return entries.stream().map(Waiting::hold).filter(java.util.Objects::nonNull).toList();
    }

    /** Adds the entry at the end; one added before stays where it is. */
    public BranchWaitlist with(Waiting waiting) {
        if (entry(waiting.waitlistId()).isPresent()) {
            return this;
        }
        return new BranchWaitlist(branchId, Stream.concat(entries.stream(), Stream.of(waiting)).toList());
    }

    public BranchWaitlist without(String waitlistId) {
        return new BranchWaitlist(branchId, entries.stream().filter(entry -> !entry.waitlistId().equals(waitlistId)).toList());
    }

    public BranchWaitlist holding(String waitlistId, Hold hold) {
        return new BranchWaitlist(branchId, entries.stream()
                .map(entry -> entry.waitlistId().equals(waitlistId) ? entry.holding(hold) : entry).toList());
    }

    /** The slot the booking held is no longer held: its entry waits again. */
    public BranchWaitlist released(String bookingId) {
        return new BranchWaitlist(branchId, entries.stream()
                .map(entry -> entry.hold() != null && entry.hold().bookingId().equals(bookingId) ? entry.holding(null) : entry).toList());
    }

    /** Without the entries whose window has passed (and hold nothing). */
    public BranchWaitlist pruned(Instant now) {
        return new BranchWaitlist(branchId, entries.stream().filter(entry -> entry.hold() != null || !entry.wish().passed(now)).toList());
    }

    /**
     * The entries the free time fits, first made first: each not holding a slot already, not among {@code tried}, and
     * with a start in the free time it wishes for, no earlier than {@code notBefore} and no later than {@code latestStart},
     * when the branch is {@code open}.
     */
    public List<Candidate> candidates(FreeTime free, Set<String> tried, Instant notBefore, Instant latestStart,
                                      BiPredicate<Instant, Instant> open) {
        List<Candidate> candidates = new ArrayList<>();
        for (Waiting entry : entries) {
            if (entry.hold() != null || tried.contains(entry.waitlistId())) {
                continue;
            }
            free.startFor(entry.wish(), notBefore, latestStart, open).ifPresent(start -> candidates.add(new Candidate(entry, start)));
        }
        return candidates;
    }
}
