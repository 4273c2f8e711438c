package app.sabai.booking.testing;

import app.sabai.booking.request.adapter.CrashPoint;

import java.util.concurrent.atomic.AtomicReference;

/** A crash point a test arms: the next request that reaches the named step stops there, as if its process died. */
public final class ArmedCrashPoint implements CrashPoint {

    private final AtomicReference<String> armed = new AtomicReference<>();

    public void armAt(String step) {
        armed.set(step);
    }

    public void disarm() {
        armed.set(null);
    }

    @Override
    public void reached(String step) {
        String at = armed.get();
        if (step.equals(at) && armed.compareAndSet(at, null)) {
            throw new SimulatedCrash(step);
        }
    }

    public static final class SimulatedCrash extends RuntimeException {

        SimulatedCrash(String step) {
            super("simulated crash at " + step);
        }
    }
}
