package app.sabai.notification.channel.sms;

/**
 * An SMS provider. None is contracted yet: {@link LoggingSmsGateway} stands in, and a provider's adapter
 * will take its place.
 */
public interface SmsGateway {

    void send(String phoneNumber, String text);
}
