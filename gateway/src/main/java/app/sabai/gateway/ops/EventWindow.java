package app.sabai.gateway.ops;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last hour of the event backbone, in memory and bounded: records per topic per minute, booking requests and
 * decisions per branch per minute (sixty buckets each, reused as the minutes roll on), and the booking requests
 * still waiting for a decision (at most {@code maxOpenRequests}, the oldest forgotten first). Fed by one consumer
 * ({@link EventWindowFeed}); read by any number of requests.
 */
final class EventWindow {

    static final int MINUTES = 60;

    private final Clock clock;
    private final int maxBranches;
    private final int maxOpenRequests;
    private final Map<String, MinuteCounts> topics = new TreeMap<>();
    private final Map<String, BranchCounts> branches = new TreeMap<>();
    private final LinkedHashMap<String, OpenRequest> open = new LinkedHashMap<>();
    private Instant following;

    EventWindow(Clock clock, int maxBranches, int maxOpenRequests) {
        this.clock = clock;
        this.maxBranches = maxBranches;
        this.maxOpenRequests = maxOpenRequests;
    }

    /** What a booking event means for the window. */
    sealed interface BookingSignal {
        record Requested() implements BookingSignal {
        }

        record Decided(boolean confirmed, boolean rejected) implements BookingSignal {
        }

        record Withdrawn() implements BookingSignal {
        }

        record Other() implements BookingSignal {
        }

        static BookingSignal of(String ceType) {
            Class<? extends SabaiEvent> type = EventTypes.classOf(ceType).orElse(null);
            if (type == BookingRequested.class) {
                return new Requested();
            }
            if (type == BookingConfirmed.class || type == BookingRejected.class || type == BookingNeedsAttention.class) {
                return new Decided(type == BookingConfirmed.class, type == BookingRejected.class);
            }
            return type == BookingCancelled.class ? new Withdrawn() : new Other();
        }
    }

    record OpenRequest(String bookingId, String branchId, Instant requestedAt) {
    }

    /** A booking request without a decision, {@code ageSeconds} after it was made. */
    record StuckRequest(String bookingId, String branchId, Instant requestedAt, long ageSeconds) {
    }

    record BranchSeries(List<Long> requested, List<Long> confirmed, List<Long> rejected) {
    }

    /**
     * Per-minute counts for the hour up to now: {@code minutes} are the buckets' starts (epoch seconds, oldest first)
     * and every series has one count per minute. {@code following} is when the window began to be filled (null before).
     */
    record Rates(List<Long> minutes, Map<String, List<Long>> topics, Map<String, BranchSeries> branches, Instant following) {
    }

    /** Forgets everything, for a consumer starting over an hour back. */
    synchronized void restart() {
        topics.clear();
        branches.clear();
        open.clear();
        following = clock.instant();
    }

    /**
     * Counts one record. {@code key} and {@code subject} are the record key and {@code ce_subject}: on
     * {@code sabai.bookings} the branch and the booking.
     */
    synchronized void record(String topic, Instant at, String ceType, String key, String subject) {
        long minute = minuteOf(at);
        long now = minuteOf(clock.instant());
        boolean inWindow = minute > now - MINUTES;
        if (inWindow) {
            topics.computeIfAbsent(topic, name -> new MinuteCounts()).add(Math.min(minute, now));
        }
        if (!Topic.BOOKINGS.topicName().equals(topic) || ceType == null) {
            return;
        }
        switch (BookingSignal.of(ceType)) {
            case BookingSignal.Requested requested -> {
                if (inWindow) {
                    branch(key).ifPresent(counts -> counts.requested.add(Math.min(minute, now)));
                }
                if (subject != null && !open.containsKey(subject)) {
                    open.put(subject, new OpenRequest(subject, key, at));
                    if (open.size() > maxOpenRequests) {
                        open.pollFirstEntry();
                    }
                }
            }
            case BookingSignal.Decided decided -> {
                if (inWindow && (decided.confirmed() || decided.rejected())) {
                    branch(key).ifPresent(counts -> (decided.confirmed() ? counts.confirmed : counts.rejected).add(Math.min(minute, now)));
                }
                if (subject != null) {
                    open.remove(subject);
                }
            }
            case BookingSignal.Withdrawn withdrawn -> {
                if (subject != null) {
                    open.remove(subject);
                }
            }
            case BookingSignal.Other other -> {
            }
        }
    }

    synchronized Rates rates() {
        long now = minuteOf(clock.instant());
        List<Long> minutes = new ArrayList<>(MINUTES);
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            minutes.add(minute * 60);
        }
        Map<String, List<Long>> topicSeries = new TreeMap<>();
        topics.forEach((topic, counts) -> topicSeries.put(topic, counts.series(now)));
        Map<String, BranchSeries> branchSeries = new TreeMap<>();
        branches.forEach((branch, counts) -> branchSeries.put(branch,
                new BranchSeries(counts.requested.series(now), counts.confirmed.series(now), counts.rejected.series(now))));
        return new Rates(minutes, topicSeries, branchSeries, following);
    }

    /** The requests still without a decision longer than {@code after}, the longest waiting first, at most {@code limit}. */
    synchronized List<StuckRequest> stuck(Duration after, int limit) {
        Instant now = clock.instant();
        Instant before = now.minus(after);
        return open.values().stream()
                .filter(request -> request.requestedAt().isBefore(before))
                .sorted(Comparator.comparing(OpenRequest::requestedAt))
                .limit(limit)
                .map(request -> new StuckRequest(request.bookingId(), request.branchId(), request.requestedAt(),
                        Duration.between(request.requestedAt(), now).toSeconds()))
                .toList();
    }

    private Optional<BranchCounts> branch(String branchId) {
        if (branchId == null) {
            return Optional.empty();
        }
        BranchCounts counts = branches.get(branchId);
        if (counts == null && branches.size() < maxBranches) {
            counts = new BranchCounts();
            branches.put(branchId, counts);
        }
        return Optional.ofNullable(counts);
    }

    private static long minuteOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    private static final class BranchCounts {
        final MinuteCounts requested = new MinuteCounts();
        final MinuteCounts confirmed = new MinuteCounts();
        final MinuteCounts rejected = new MinuteCounts();
    }

    /** Sixty buckets, each remembering which minute it counts, so a bucket is reset when its minute comes round again. */
    private static final class MinuteCounts {
        private final long[] minuteOfBucket = new long[MINUTES];
        private final long[] counts = new long[MINUTES];

        MinuteCounts() {
            Arrays.fill(minuteOfBucket, Long.MIN_VALUE);
        }

        void add(long minute) {
            int bucket = (int) Math.floorMod(minute, MINUTES);
            if (minuteOfBucket[bucket] != minute) {
                minuteOfBucket[bucket] = minute;
                counts[bucket] = 0;
            }
            counts[bucket]++;
        }

        List<Long> series(long now) {
            List<Long> series = new ArrayList<>(MINUTES);
            for (long minute = now - MINUTES + 1; minute <= now; minute++) {
                int bucket = (int) Math.floorMod(minute, MINUTES);
                series.add(minuteOfBucket[bucket] == minute ? counts[bucket] : 0L);
            }
            return series;
        }
    }
}
