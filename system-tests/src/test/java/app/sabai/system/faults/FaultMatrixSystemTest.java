package app.sabai.system.faults;

import app.sabai.system.harness.FaultRun;
import app.sabai.system.harness.FaultScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole fault matrix, on demand ({@code -Pfault-matrix}): every scenario of {@link FaultScenarios#matrix()} on a
 * platform of its own, each followed by the accounting. When it ends it writes its table into RELIABILITY.md, between
 * the markers there, with each scenario's counts beside it in {@code target/reliability/<scenario>.txt}.
 */
@Tag("fault-matrix")
class FaultMatrixSystemTest {

    private static final Path RELIABILITY = Path.of(System.getProperty("sabai.home", "..")).resolve("RELIABILITY.md");
    private static final String BEGIN = "<!-- fault matrix: begin -->";
    private static final String END = "<!-- fault matrix: end -->";
    private static final Map<String, FaultRun.Result> RESULTS = new ConcurrentHashMap<>();

    /** {@code -Dfaults.only=every-process-killed,…} plays those scenarios alone, and leaves RELIABILITY.md's table as it is. */
    private static final List<String> ONLY = List.of(System.getProperty("faults.only", "").split(",")).stream()
            .map(String::strip).filter(name -> !name.isEmpty()).toList();

    static List<FaultScenario> scenarios() {
        return FaultScenarios.matrix().stream().filter(scenario -> ONLY.isEmpty() || ONLY.contains(scenario.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyPromiseHoldsOrTheBrokenOneIsReported(FaultScenario scenario) throws Exception {
        FaultRun.Result result = FaultRun.run(scenario);
        RESULTS.put(scenario.name(), result);

        assertThat(result.failures()).as(result.toString()).isEmpty();
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        if (RESULTS.isEmpty() || !ONLY.isEmpty() || !Files.exists(RELIABILITY)) {
            return;
        }
        StringBuilder table = new StringBuilder(BEGIN).append('\n')
                .append("Run on ").append(LocalDate.now()).append(" with `./mvnw -B -ntp -pl system-tests verify -Pfault-matrix`")
                .append(" (after `./mvnw -q -B -ntp -DskipTests package`):\n\n")
                .append("| scenario | what is done | bookings | answered 202 | POSTs sent again | confirmed | rejected | sessions overlapping"
                        + " | reminders due | dead letters (planted) | result | took |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (FaultScenario scenario : FaultScenarios.matrix()) {
            FaultRun.Result result = RESULTS.get(scenario.name());
            if (result == null) {
                table.append("| ").append(scenario.name()).append(" | ").append(scenario.description())
                        .append(" | | | | | | | | | not run, or the run stopped with an error (see the test's output) | |\n");
                continue;
            }
            var report = result.report();
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d (%d) | %s | %d s |%n",
                    scenario.name(), scenario.description(), scenario.bookings(), result.outcome().accepted().size(),
                    result.outcome().resent(), report.count("  bookings decided CONFIRMED"), report.count("  bookings decided REJECTED"),
                    report.count("overlapping sessions of one therapist, room or unit"), report.count("reminders due by the count"),
                    report.count("records in dead-letter topics"),
                    report.count("  of which poison planted on purpose"), result.verdict(), result.took().toSeconds()));
        }
        table.append(END);
        String text = Files.readString(RELIABILITY);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(RELIABILITY + " has no " + BEGIN + " … " + END + " section for the table");
        }
        Files.writeString(RELIABILITY, text.substring(0, begin) + table + text.substring(end + END.length()));
    }
}
