package app.sabai.notification.channel.sms;

/**
 * An SMS provider. None is contracted yet: {@link LoggingSmsGateway} stands in, and a provider's adapter
 * will take its place. {@link #send} returns once the provider accepted the text and throws when it did not.
 */
public interface SmsGateway {

    void send(TextMessage message);

    /**
     * One text to one phone. {@code reference} is the message's id, the same on every attempt: a provider
     * that takes a client reference can recognise a repeated send.
     */
    record TextMessage(String reference, String phoneNumber, String text) {
    }
}
