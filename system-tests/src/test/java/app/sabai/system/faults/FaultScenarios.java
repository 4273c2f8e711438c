package app.sabai.system.faults;

import app.sabai.system.harness.FaultScenario;

import java.time.Duration;
import java.util.List;

import static app.sabai.system.harness.FaultScenario.after;

/**
 * The fault matrix (RELIABILITY.md): each scenario a steady booking load through the gateway with faults placed in it,
 * followed by the same accounting. The first two are the short form that runs in {@code ./mvnw verify}.
 */
final class FaultScenarios {

    /**
     * A confirmation claimed by a notification-service that is then killed is sent again once its claim's lease runs out:
     * 5 minutes as shipped, 20 s here so that the accounting need not wait that long for it.
     */
    private static final String SHORT_LEASE = "-Dsabai.dispatch.lease=PT20S";
    /** The consumers' session timeout is Kafka's default, 45 s: a broker frozen longer sees every member as gone. */
    private static final Duration PAST_SESSION_TIMEOUT = Duration.ofSeconds(50);

    private FaultScenarios() {
    }

    static List<FaultScenario> shortForm() {
        return List.of(servicesAndBrokerKilled(), replayWithoutTheGuard());
    }

    static List<FaultScenario> matrix() {
        return List.of(servicesAndBrokerKilled(), replayWithoutTheGuard(), everyProcessKilled(), brokerPausedPastSessionTimeout(),
                twoInstancesOfEachService(), replayOfEveryGroup(), poisonOnEveryTopic(), staffAtWork());
    }

    /** The short form: therapist-service frozen for 5 s, then each of the three services and the broker killed in turn. */
    static FaultScenario servicesAndBrokerKilled() {
        return new FaultScenario("services-and-broker-killed",
                "therapist-service frozen 5 s; kill -9 and restart of therapist-, booking-, notification-service and the broker",
                List.of("--jvm-options", SHORT_LEASE), 240, 2, List.of(
                after(10, run -> run.pause("therapist-service", Duration.ofSeconds(5))),
                after(30, run -> run.killAndRestart("therapist-service")),
                after(80, run -> run.killAndRestart("booking-service")),
                after(130, run -> run.killAndRestart("notification-service")),
                after(180, run -> run.killAndRestart("broker"))), null);
    }

    /**
     * The check that the accounting can fail: notification-service reads its whole history again with its applied-event
     * guard switched off, so each confirmed booking is confirmed a second time, and the report must say so.
     */
    static FaultScenario replayWithoutTheGuard() {
        return new FaultScenario("replay-without-the-guard",
                "notification-service replayed from the start with sabai.testing.skip-applied-event-guard: must be reported",
                List.of(), 40, 4, List.of(
                after(40, run -> run.replayFromTheStart("notification-service",
                        List.of("-Dsabai.testing.skip-applied-event-guard=true")))), "more than one confirmation for a booking");
    }

    static FaultScenario everyProcessKilled() {
        return new FaultScenario("every-process-killed",
                "kill -9 and restart of each of the seven processes in turn: the three services, gateway, identity, store, broker",
                List.of("--jvm-options", SHORT_LEASE), 240, 2, List.of(
                after(20, run -> run.killAndRestart("therapist-service")),
                after(50, run -> run.killAndRestart("booking-service")),
                after(80, run -> run.killAndRestart("notification-service")),
                after(110, run -> run.killAndRestart("gateway")),
                after(140, run -> run.killAndRestart("identity")),
                after(170, run -> run.killAndRestart("store")),
                after(200, run -> run.killAndRestart("broker"))), null);
    }

    static FaultScenario brokerPausedPastSessionTimeout() {
        return new FaultScenario("broker-paused",
                "the broker frozen with SIGSTOP for 50 s, longer than the consumers' 45 s session timeout",
                List.of(), 160, 2, List.of(
                after(40, run -> run.pause("broker", PAST_SESSION_TIMEOUT))), null);
    }

    static FaultScenario twoInstancesOfEachService() {
        return new FaultScenario("two-instances-each",
                "two instances of each service; the second of each killed and restarted in turn, then the first therapist-service",
                List.of("--instances", "booking-service=2,therapist-service=2,notification-service=2", "--jvm-options", SHORT_LEASE),
                200, 2, List.of(
                after(30, run -> run.killAndRestart("therapist-service-2")),
                after(70, run -> run.killAndRestart("booking-service-2")),
                after(110, run -> run.killAndRestart("notification-service-2")),
                after(150, run -> run.killAndRestart("therapist-service"))), null);
    }

    static FaultScenario replayOfEveryGroup() {
        return new FaultScenario("replay-of-every-group",
                "mid-load, each service stopped, its consumer group rewound to the first record of every topic, and started again",
                List.of(), 160, 2, List.of(
                after(40, run -> run.replayFromTheStart("therapist-service", List.of())),
                after(80, run -> run.replayFromTheStart("booking-service", List.of())),
                after(120, run -> run.replayFromTheStart("notification-service", List.of()))), null);
    }

    static FaultScenario staffAtWork() {
        return new FaultScenario("staff-at-work",
                "cancellations, reschedules, reassignments and a therapist's sick day mixed into the load, twice;"
                        + " kill -9 of therapist-service and booking-service between them",
                List.of("--jvm-options", SHORT_LEASE), 200, 2, List.of(
                after(60, run -> run.staffOperations(4)),
                after(90, run -> run.killAndRestart("therapist-service")),
                after(120, run -> run.staffOperations(4)),
                after(150, run -> run.killAndRestart("booking-service"))), null);
    }

    static FaultScenario poisonOnEveryTopic() {
        return new FaultScenario("poison-on-every-topic",
                "a record no service can read on each topic, twice during the load; one dead letter replayed through the console",
                List.of(), 120, 2, List.of(
                after(20, run -> run.poisonEveryTopic()),
                after(60, run -> run.replayADeadLetter("sabai.bookings-dlt")),
                after(80, run -> run.poisonEveryTopic())), null);
    }
}
