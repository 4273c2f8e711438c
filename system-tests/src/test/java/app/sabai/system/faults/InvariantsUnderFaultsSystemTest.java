package app.sabai.system.faults;

import app.sabai.system.harness.Accounting;
import app.sabai.system.harness.Faults;
import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Ledger;
import app.sabai.system.harness.Platform;
import app.sabai.system.harness.SteadyLoad;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARCHITECTURE §5 under faults, the short form: a steady booking load through the gateway while therapist-service,
 * booking-service, notification-service and then the broker are each killed with SIGKILL and started again, then the
 * accounting of what went in against what came out. The full matrix (pauses, two instances, replays, poison records,
 * staff operations) is listed in RELIABILITY.md as still to come.
 */
class InvariantsUnderFaultsSystemTest {

    private static final int BOOKINGS = 240;
    private static final int PER_SECOND = 2;
    /** Killed in this order, each once the load has sent this many bookings; each started again at once. */
    private static final List<String> VICTIMS = List.of("therapist-service", "booking-service", "notification-service", "broker");
    private static final List<Integer> AFTER = List.of(30, 80, 130, 180);
    /**
     * A confirmation claimed by a notification-service that is then killed is sent again once its claim's lease runs out:
     * 5 minutes as shipped, 20 s here so that the accounting need not wait that long for it.
     */
    private static final List<String> LAUNCHER_OPTIONS = List.of("--jvm-options", "-Dsabai.dispatch.lease=PT20S");

    @BeforeAll
    static void aloneOnTheMachine() {
        // Two platforms on two cores would make this one's restarts and settling wait on the other.
        Platform.discardShared();
    }

    @Test
    void everyAcceptedBookingIsDecidedOnceAndNobodyIsDoubleBookedWhileEachProcessIsKilledInTurn() throws Exception {
        try (Platform platform = Platform.started(LAUNCHER_OPTIONS);
             Faults faults = new Faults(platform);
             SteadyLoad load = new SteadyLoad(new Gateway(platform.gatewayUrl()), BOOKINGS, PER_SECOND, 5, 4, 12)) {
            Ledger ledger = new Ledger(platform);
            assertThat(ledger.awaitSettled(Duration.ofSeconds(5), Duration.ofMinutes(2))).as("the platform settled after its start").isTrue();
            Set<String> demoBookings = ledger.storedBookings();
            List<String> timeline = new ArrayList<>();
            timeline.add(demoBookings.size() + " demo bookings stored before the load");
            long started = System.nanoTime();
            load.start();
            for (int i = 0; i < VICTIMS.size(); i++) {
                String victim = VICTIMS.get(i);
                load.awaitSent(AFTER.get(i));
                timeline.add(String.format("%5.1f s  kill -9 %s (%d bookings sent)", seconds(started), victim, load.sent()));
                faults.kill9(victim);
                faults.restart(victim);
                timeline.add(String.format("%5.1f s  %s ready again", seconds(started), victim));
            }
            SteadyLoad.Outcome outcome = load.finish();
            timeline.add(String.format("%5.1f s  every booking answered (%d sends repeated)", seconds(started), outcome.resent()));

            Set<String> accepted = new HashSet<>(outcome.accepted());
            accepted.addAll(demoBookings);
            Accounting.Report report = ledger.settleAndCount(accepted, Duration.ofMinutes(2));
            timeline.add(String.format("%5.1f s  settled and counted", seconds(started)));
            String text = String.join("\n", timeline) + "\n" + report;
            System.out.println(text);
            Path out = Path.of("target", "reliability");
            Files.createDirectories(out);
            Files.writeString(out.resolve("invariants-under-faults.txt"), text);

            assertThat(outcome.refused()).as("requests refused for good").isEmpty();
            assertThat(outcome.givenUp()).as("requests the clients gave up on").isZero();
            assertThat(outcome.accepted()).as("distinct ids answered 202").hasSize(BOOKINGS);
            assertThat(report.problems()).as(report.toString()).isEmpty();
            assertThat(report.count("  bookings decided CONFIRMED")).as("bookings confirmed, so that sessions were checked").isPositive();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
