package app.sabai.notification.testing;

import app.sabai.contracts.notifications.Channel;
import app.sabai.notification.channel.DeliveryChannel;
import app.sabai.notification.channel.DeliveryChannels;
import app.sabai.notification.channel.OutgoingMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's channels with a door a flow test can close on one recipient: a message to them waits, on the
 * dispatcher's thread, until the test lets it go (or 30 s pass), then goes to the real channel. Everything else goes
 * straight through. {@link HeldDeliveriesConfiguration} puts it in place of the service's {@link DeliveryChannels}.
 */
public final class HeldDeliveries extends DeliveryChannels {

    private static final Duration LONGEST_HOLD = Duration.ofSeconds(30);

    private final DeliveryChannels real;
    private final AtomicReference<Hold> hold = new AtomicReference<>();

    HeldDeliveries(DeliveryChannels real) {
        super(List.of());
        this.real = real;
    }

    /** Holds the next message to {@code recipient} until {@link Hold#release()}; one hold at a time. */
    public Hold hold(String recipient) {
        Hold made = new Hold(recipient);
        if (!hold.compareAndSet(null, made)) {
            throw new IllegalStateException("A delivery is held already");
        }
        return made;
    }

    @Override
    public DeliveryChannel get(Channel channel) {
        DeliveryChannel delivering = real.get(channel);
        return new DeliveryChannel() {
            @Override
            public Channel channel() {
                return delivering.channel();
            }

            @Override
            public void deliver(OutgoingMessage message) {
                Hold current = hold.get();
                if (current != null && current.recipient.equals(message.recipient())) {
                    current.reached.countDown();
                    current.await();
                }
                delivering.deliver(message);
            }
        };
    }

    /** A recipient whose next message waits. */
    public final class Hold implements AutoCloseable {

        private final String recipient;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String recipient) {
            this.recipient = recipient;
        }

        /** Waits until a message to the recipient is held; false after {@code timeout}. */
        public boolean awaitHeld(Duration timeout) throws InterruptedException {
            return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the held message (and any later one) go. */
        public void release() {
            hold.compareAndSet(this, null);
            released.countDown();
        }

        @Override
        public void close() {
            release();
        }

        private void await() {
            try {
                released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
