package app.sabai.support.it;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationSent;

import java.time.Instant;
import java.util.UUID;

/** Events the support tests publish, each new (its own event id) every time it is asked for. */
final class TestEvents {

    private TestEvents() {
    }

    /** A booking's confirmation, emailed. */
    static NotificationSent sent(String bookingId, String branchId) {
        return new NotificationSent(UUID.randomUUID(), Instant.now(), bookingId, branchId, bookingId + ":confirmation",
                MessageKind.CONFIRMATION, null, Channel.EMAIL, "ada@example.com");
    }
}
