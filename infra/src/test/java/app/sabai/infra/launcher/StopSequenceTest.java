package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StopSequenceTest {

    @TempDir
    Path data;

    @Test
    void stopsStageByStageAndWaitsForEachStageToBeGone() {
        // The gateway takes a moment to exit after SIGTERM: the services must not be touched before it is gone.
        ChildProcess gateway = start("gateway", "trap 'sleep 1; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        ChildProcess booking = start("booking-service", "echo ready; exec sleep 60");
        ChildProcess therapist = start("therapist-service", "echo ready; exec sleep 60");
        ChildProcess store = start("store", "echo ready; exec sleep 60");
        ChildProcess broker = start("broker", "echo ready; exec sleep 60");
        awaitRunning(gateway, booking, therapist, store, broker);
        List<String> stoppedInOrder = new CopyOnWriteArrayList<>();

        List<StopSequence.Stopped> stopped = StopSequence.stop(
                List.of(List.of(gateway), List.of(booking, therapist), List.of(store), List.of(broker)),
                Duration.ofSeconds(20), done -> stoppedInOrder.add(done.name()));

        assertThat(stoppedInOrder).hasSize(5);
        assertThat(stoppedInOrder.getFirst()).isEqualTo("gateway");
        assertThat(stoppedInOrder.subList(1, 3)).containsExactlyInAnyOrder("booking-service", "therapist-service");
        assertThat(stoppedInOrder.subList(3, 5)).containsExactly("store", "broker");
        assertThat(stopped).extracting(StopSequence.Stopped::ending).containsOnly(ChildProcess.Ending.STOPPED);
        assertThat(List.of(gateway, booking, therapist, store, broker)).noneMatch(ChildProcess::isAlive);
        assertThat(data.resolve("run")).isEmptyDirectory();
    }

    @Test
    void killsAChildThatIgnoresTheStopSignalOnceTheGracePeriodIsOver() {
        ChildProcess stubborn = start("stubborn", "trap '' TERM; echo ready; exec sleep 60");
        awaitRunning(stubborn);

        List<StopSequence.Stopped> stopped = StopSequence.stop(List.of(List.of(stubborn)), Duration.ofMillis(500), done -> {
        });

        assertThat(stopped).containsExactly(new StopSequence.Stopped("stubborn", ChildProcess.Ending.KILLED));
        assertThat(stubborn.isAlive()).isFalse();
    }

    @Test
    void aChildThatAlreadyDiedIsReportedAsGone() {
        ChildProcess shortLived = start("short-lived", "echo done");
        await().atMost(Duration.ofSeconds(10)).until(() -> !shortLived.isAlive());

        List<StopSequence.Stopped> stopped = StopSequence.stop(List.of(List.of(shortLived)), Duration.ofSeconds(1), done -> {
        });

        assertThat(stopped).containsExactly(new StopSequence.Stopped("short-lived", ChildProcess.Ending.ALREADY_GONE));
        assertThat(shortLived.logFile()).content().contains("done");
    }

    private ChildProcess start(String name, String script) {
        return ChildProcess.start(name, List.of("bash", "-c", script), Map.of(), data, data.resolve("logs"), data.resolve("run"));
    }

    /** Running, with their pid files written and their signal traps in place (they say "ready" after setting them). */
    private void awaitRunning(ChildProcess... children) {
        for (ChildProcess child : children) {
            assertThat(data.resolve("run").resolve(child.name() + ".pid")).content().isEqualTo(Long.toString(child.pid()));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(child.logFile()).contains("ready"));
        }
    }
}
