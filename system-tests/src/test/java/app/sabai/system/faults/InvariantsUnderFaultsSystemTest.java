package app.sabai.system.faults;

import app.sabai.system.harness.FaultRun;
import app.sabai.system.harness.FaultScenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARCHITECTURE §5 under faults, the short form that runs in every {@code ./mvnw verify}: the three services and the
 * broker killed in turn under a steady load, then the accounting; and the proof that the accounting can fail, a replay
 * with a guard switched off that it must report. The whole matrix is {@link FaultMatrixSystemTest}.
 */
@Tag("faults")
class InvariantsUnderFaultsSystemTest {

    static List<FaultScenario> scenarios() {
        return FaultScenarios.shortForm();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyAcceptedBookingIsDecidedOnceAndNobodyIsDoubleBooked(FaultScenario scenario) throws Exception {
        FaultRun.Result result = FaultRun.run(scenario);

        assertThat(result.failures()).as(result.toString()).isEmpty();
        assertThat(result.report().count("  bookings decided CONFIRMED")).as("bookings confirmed, so that sessions were checked")
                .isPositive();
        if (scenario.caught() == null) {
            assertThat(result.report().count("reminders due by the count")).as("reminders due, so that they were checked").isPositive();
        }
    }
}
