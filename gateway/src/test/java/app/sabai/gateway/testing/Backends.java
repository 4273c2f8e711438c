package app.sabai.gateway.testing;

import app.sabai.infra.Ports;

import java.util.Optional;
import java.util.stream.Stream;

/** The stub services shared by every gateway test in the JVM, and a port where nothing listens. */
public final class Backends {

    public static final StubBackend BOOKING = new StubBackend("booking-service");
    public static final StubBackend THERAPIST = new StubBackend("therapist-service");
    public static final StubBackend NOTIFICATION = new StubBackend("notification-service");
    public static final int DEAD_PORT = Ports.free();

    private Backends() {
    }

    /** The stub listening at this URL, if any. */
    public static Optional<StubBackend> at(String url) {
        return Stream.of(BOOKING, THERAPIST, NOTIFICATION).filter(backend -> backend.url().equals(url)).findFirst();
    }
}
