package app.sabai.booking.request.adapter;

/**
 * Named points between the writes of one request, where a crash can be simulated: production passes them by;
 * a test makes one throw, to show that what was written up to there loses nothing and a retry completes it.
 */
@FunctionalInterface
public interface CrashPoint {

    CrashPoint NONE = step -> {
    };

    /** Called when the request has reached {@code step}; may throw to stop it there. */
    void reached(String step);
}
