package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ResidentMemoryTest {

    @Test
    void readsTheResidentSetFromAProcStatusText() {
        String status = """
                Name:\tjava
                VmPeak:\t 3795800 kB
                VmRSS:\t  187456 kB
                Threads:\t42
                """;

        assertThat(ResidentMemory.parseStatus(status)).hasValue(187_456L * 1024);
        assertThat(ResidentMemory.parseStatus("Name:\tkthreadd\n")).isEmpty();
    }

    @Test
    void measuresThisVeryProcessWhereThereIsAProcFileSystem() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc on this system");

        assertThat(ResidentMemory.ofProcess(ProcessHandle.current().pid()).orElseThrow()).isGreaterThan(10L * 1024 * 1024);
    }
}
