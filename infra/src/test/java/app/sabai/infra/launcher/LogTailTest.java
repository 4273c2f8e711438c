package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @TempDir
    Path folder;

    @Test
    void givesTheLastLinesOfALog() throws Exception {
        Path log = folder.resolve("booking-service.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));

        assertThat(LogTail.last(log, 40)).hasSize(40).startsWith("line 61").endsWith("line 100");
    }

    @Test
    void readsOnlyTheEndOfALargeLog() throws Exception {
        Path log = folder.resolve("broker.log");
        String filler = "x".repeat(200);
        Files.writeString(log, IntStream.rangeClosed(1, 5_000).mapToObj(i -> i + " " + filler).collect(Collectors.joining("\n")));

        assertThat(LogTail.last(log, 3)).containsExactly("4998 " + filler, "4999 " + filler, "5000 " + filler);
    }

    @Test
    void shortensStackTracesToTheirFirstFrames() throws Exception {
        Path log = folder.resolve("booking-service.log");
        Files.writeString(log, String.join("\n",
                "ERROR Application run failed",
                "java.lang.IllegalStateException: no catalogue",
                "\tat app.sabai.booking.A.a(A.java:1)",
                "\tat app.sabai.booking.B.b(B.java:2)",
                "\tat app.sabai.booking.C.c(C.java:3)",
                "\tat app.sabai.booking.D.d(D.java:4)",
                "Caused by: java.net.ConnectException: refused",
                "\tat x.Y.z(Y.java:9)",
                "\t... 12 more",
                "INFO stopped"));

        assertThat(LogTail.last(log, 40)).containsExactly(
                "ERROR Application run failed",
                "java.lang.IllegalStateException: no catalogue",
                "\tat app.sabai.booking.A.a(A.java:1)",
                "\tat app.sabai.booking.B.b(B.java:2)",
                "\t... 2 more frames",
                "Caused by: java.net.ConnectException: refused",
                "\tat x.Y.z(Y.java:9)",
                "\t... 12 more",
                "INFO stopped");
    }

    @Test
    void aLogThatDoesNotExistHasNoLines() {
        assertThat(LogTail.last(folder.resolve("missing.log"), 40)).isEmpty();
    }
}
