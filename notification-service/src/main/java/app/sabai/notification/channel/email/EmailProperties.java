package app.sabai.notification.channel.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sabai.mail.from}: the sender of customer emails; {@code sabai.mail.message-id-domain}: the right-hand
 * side of every email's {@code Message-ID}. The SMTP server itself is {@code spring.mail.*}.
 */
@ConfigurationProperties("sabai.mail")
public record EmailProperties(String from, String messageIdDomain) {

    public EmailProperties {
        from = from == null || from.isBlank() ? "Sabai <bookings@sabai.app>" : from;
        messageIdDomain = messageIdDomain == null || messageIdDomain.isBlank() ? "notifications.sabai.app" : messageIdDomain.trim();
    }
}
