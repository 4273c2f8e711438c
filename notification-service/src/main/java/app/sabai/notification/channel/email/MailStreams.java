package app.sabai.notification.channel.email;

import jakarta.mail.util.StreamProvider;

import java.util.ServiceLoader;

/**
 * Jakarta Mail 2.1 looks its {@link StreamProvider} up through a {@link ServiceLoader} every time it makes a message,
 * reads headers or encodes one (jakartaee/mail-api issues 699 and 861). In a Spring Boot jar that reads the service
 * files of every nested jar, each time: a quarter of what the dispatcher spent sending an email. The lookup tries a
 * system property of the interface's name first, so naming the provider the service loader finds, once, makes every
 * later lookup a class lookup. A name given at start (a {@code -D} option) is left as it is.
 */
final class MailStreams {

    static final String PROVIDER_PROPERTY = StreamProvider.class.getName();

    private MailStreams() {
    }

    static void nameProvider() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            ServiceLoader.load(StreamProvider.class).findFirst()
                    .ifPresent(provider -> System.setProperty(PROVIDER_PROPERTY, provider.getClass().getName()));
        }
    }
}
