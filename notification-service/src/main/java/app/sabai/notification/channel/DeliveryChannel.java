package app.sabai.notification.channel;

import app.sabai.contracts.notifications.Channel;

/**
 * The port a message leaves the platform through. {@link #deliver} returns once the channel has accepted
 * the message and throws when it did not; the dispatcher retries or gives up by its policy.
 */
public interface DeliveryChannel {

    Channel channel();

    void deliver(OutgoingMessage message);
}
