package app.sabai.notification.channel.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sabai.mail.from}: the sender of customer emails. The SMTP server itself is {@code spring.mail.*}. */
@ConfigurationProperties("sabai.mail")
public record EmailProperties(String from) {

    public EmailProperties {
        from = from == null || from.isBlank() ? "Sabai <bookings@sabai.app>" : from;
    }
}
