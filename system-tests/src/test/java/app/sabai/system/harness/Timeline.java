package app.sabai.system.harness;

import java.util.Locale;

/** What happened when during a fault-injection run, from its start: printed as it happens and kept for the report. */
public final class Timeline {

    private final long started = System.nanoTime();
    private final StringBuilder lines = new StringBuilder();

    public synchronized void note(String what) {
        String line = String.format(Locale.ROOT, "%6.1f s  %s", (System.nanoTime() - started) / 1e9, what);
        System.out.println(line);
        lines.append(line).append('\n');
    }

    @Override
    public synchronized String toString() {
        return lines.toString();
    }
}
