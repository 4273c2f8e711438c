package app.sabai.gateway.testing;

import app.sabai.infra.Ports;

/** The stub services shared by every gateway test in the JVM, and a port where nothing listens. */
public final class Backends {

    public static final StubBackend BOOKING = new StubBackend("booking-service");
    public static final StubBackend THERAPIST = new StubBackend("therapist-service");
    public static final StubBackend NOTIFICATION = new StubBackend("notification-service");
    public static final int DEAD_PORT = Ports.free();

    private Backends() {
    }
}
