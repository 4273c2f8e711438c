package app.sabai.system.harness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.awaitility.Awaitility.await;

/**
 * Bookings through the gateway at a fixed rate, as clients that keep trying: each POST is sent again with the same
 * Idempotency-Key after a connection error, a timeout, a 5xx, a 408 or a 429, until it is answered 202 or refused for
 * good with another 4xx. Every id answered 202 is kept, for the {@link Accounting}. The n-th booking goes to a branch,
 * then a day, then a half-hourly start from 10:00 (every demo branch is open then), so that several ask for the same
 * time and some are turned away.
 */
public final class SteadyLoad implements AutoCloseable {

    private static final String[] BRANCHES = {"liverpool", "bangkok-sukhumvit", "new-york-soho"};
    private static final Map<String, ZoneId> ZONES = Map.of("liverpool", ZoneId.of("Europe/London"),
            "bangkok-sukhumvit", ZoneId.of("Asia/Bangkok"), "new-york-soho", ZoneId.of("America/New_York"));
    /** Each branch booked by its own staff, so that no one client's rate limit at the gateway paces the load. */
    private static final Map<String, String> BOOKED_BY = Map.of("liverpool", "staff-liverpool",
            "bangkok-sukhumvit", "staff-bangkok", "new-york-soho", "admin");
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    /** A request still unanswered after this long is given up (and counted): the platform did not come back. */
    private static final Duration GIVE_UP = Duration.ofMinutes(4);

    /** What the clients saw: the ids answered 202, requests refused for good, sends repeated, requests given up. */
    public record Outcome(Set<String> accepted, List<String> refused, int resent, int givenUp) {
    }

    private final Gateway gateway;
    private final int count;
    private final long intervalNanos;
    private final int firstDay;
    private final int days;
    private final int starts;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<String> refused = new ArrayList<>();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private Thread pacer;

    /**
     * @param firstDay the first day booked, counted from today in each branch's zone; far enough ahead that no reminder
     *                 falls due during the test
     */
    public SteadyLoad(Gateway gateway, int count, int perSecond, int firstDay, int days, int starts) {
        this.gateway = gateway;
        this.count = count;
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.firstDay = firstDay;
        this.days = days;
        this.starts = starts;
    }

    /**
     * The first {@code slots} start times of the load on its first day, at each branch: the sessions its first
     * {@code 3 × days × slots} bookings ask for (one each per branch and slot, sent within those bookings' first seconds).
     */
    public static List<Instant> firstSessions(int firstDay, int slots) {
        List<Instant> starts = new ArrayList<>();
        for (String branch : BRANCHES) {
            ZoneId zone = ZONES.get(branch);
            for (int slot = 0; slot < slots; slot++) {
                LocalTime time = LocalTime.of(10, 0).plusMinutes(30L * slot);
                starts.add(LocalDate.now(zone).plusDays(firstDay).atTime(time).atZone(zone).toInstant());
            }
        }
        return starts;
    }

    public SteadyLoad start() {
        long started = System.nanoTime();
        String run = Long.toString(System.currentTimeMillis(), 36);
        pacer = Thread.ofPlatform().name("steady-load").start(() -> {
            for (int i = 0; i < count; i++) {
                long wait = started + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                String branch = BRANCHES[i % BRANCHES.length];
                LocalDate day = LocalDate.now(ZONES.get(branch)).plusDays(firstDay + (i / BRANCHES.length) % days);
                LocalTime time = LocalTime.of(10, 0).plusMinutes(30L * ((i / (BRANCHES.length * days)) % starts));
                String body = booking().branch(branch).technique("SWEDISH", 60).at(day, time)
                        .customer("Steady Guest " + i, "steady-" + run + "-" + i + "@example.com").json();
                Gateway client = gateway.as(BOOKED_BY.get(branch));
                clients.submit(() -> book(client, body));
                sent.incrementAndGet();
            }
        });
        return this;
    }

    /** How many bookings were sent so far (each at least once): for placing faults within the load. */
    public int sent() {
        return sent.get();
    }

    /** The ids answered 202 so far. */
    public Set<String> acceptedSoFar() {
        return Set.copyOf(accepted);
    }

    /** Waits until the n-th booking of the load was sent. */
    public void awaitSent(int n) {
        await().atMost(Duration.ofNanos(intervalNanos * count).plusMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> sent.get() >= Math.min(n, count) || !pacer.isAlive());
    }

    /** Waits until every booking was sent and answered for good (or given up), then says what the clients saw. */
    public Outcome finish() throws InterruptedException {
        pacer.join();
        clients.shutdown();
        if (!clients.awaitTermination(GIVE_UP.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The load's clients did not finish");
        }
        synchronized (refused) {
            return new Outcome(Set.copyOf(accepted), List.copyOf(refused), resent.get(), givenUp.get());
        }
    }

    @Override
    public void close() {
        if (pacer != null) {
            pacer.interrupt();
        }
        clients.shutdownNow();
    }

    private void book(Gateway client, String body) {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Gateway.Response response = client.post("/api/bookings", body, key);
                int status = response.status();
                if (status == 202) {
                    accepted.add(response.body().get("id").asString());
                    return;
                }
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    synchronized (refused) {
                        refused.add(status + " " + response.raw());
                    }
                    return;
                }
            } catch (RuntimeException unanswered) {
                // Refused connection, reset, timeout, no token while identity or the gateway is away: send it again.
            }
            resent.incrementAndGet();
            try {
                Thread.sleep(RETRY_PAUSE);
            } catch (InterruptedException e) {
                return;
            }
        }
        givenUp.incrementAndGet();
    }
}
