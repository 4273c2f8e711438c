package app.sabai.gateway.lifecycle;

/** The configuration does not allow a safe start; {@link StartRefusedFailureAnalyzer} prints why and what to do. */
public class StartRefusedException extends RuntimeException {

    private final String action;

    public StartRefusedException(String reason, String action) {
        super(reason);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
