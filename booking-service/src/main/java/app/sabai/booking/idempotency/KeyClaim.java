package app.sabai.booking.idempotency;

import java.util.List;

/** What an {@code Idempotency-Key} sent with a command means for it. */
public sealed interface KeyClaim {

    /** The first use (or one taking over an abandoned one): the request runs; {@code token} marks what it wrote. */
    record Claimed(String key, String token, List<String> collections) implements KeyClaim {
    }

    /** The same request was answered before: answer it again. */
    record Replay(StoredAnswer answer) implements KeyClaim {
    }

    /** The same request is being answered right now. */
    record InProgress(String key) implements KeyClaim {
    }

    /** The key was used for a different request (another body, path or method). */
    record Reused(String key) implements KeyClaim {
    }
}
