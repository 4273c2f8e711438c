package app.sabai.infra.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a log file, read from its end so a large log costs no more than a small one. Stack
 * traces are shortened to their first frames, so the lines shown are the ones that say what happened.
 */
public final class LogTail {

    private static final int MAX_BYTES = 256 * 1024;
    private static final int FRAMES_KEPT = 2;

    private LogTail() {
    }

    public static List<String> last(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            if (size < length && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line is probably cut
            }
            List<String> shortened = shortenStackTraces(all);
            return List.copyOf(shortened.subList(Math.max(0, shortened.size() - lines), shortened.size()));
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** Keeps the first frames of each stack trace ("\tat ...") and counts the rest in one line. */
    static List<String> shortenStackTraces(List<String> lines) {
        List<String> kept = new ArrayList<>();
        int frames = 0;
        for (String line : lines) {
            boolean frame = line.startsWith("\tat ") || line.startsWith("\t... ");
            if (!frame) {
                if (frames > FRAMES_KEPT) {
                    kept.add("\t... " + (frames - FRAMES_KEPT) + " more frames");
                }
                frames = 0;
                kept.add(line);
            } else if (++frames <= FRAMES_KEPT) {
                kept.add(line);
            }
        }
        if (frames > FRAMES_KEPT) {
            kept.add("\t... " + (frames - FRAMES_KEPT) + " more frames");
        }
        return kept;
    }
}
