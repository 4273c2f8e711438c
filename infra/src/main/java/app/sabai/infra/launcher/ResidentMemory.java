package app.sabai.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** How much memory a process holds (its resident set), from {@code /proc/<pid>/status} where there is one. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    public static OptionalLong ofProcess(long pid) {
        try {
            return parseStatus(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmRSS} of a {@code /proc/<pid>/status} text, in bytes. */
    static OptionalLong parseStatus(String status) {
        for (String line : status.split("\\R")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long kilobytes = Long.parseLong(parts[0]);
                return OptionalLong.of(kilobytes * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
