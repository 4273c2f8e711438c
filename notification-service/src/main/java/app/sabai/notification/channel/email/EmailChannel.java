package app.sabai.notification.channel.email;

import app.sabai.contracts.notifications.Channel;
import app.sabai.notification.channel.DeliveryChannel;
import app.sabai.notification.channel.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Email over SMTP ({@code spring.mail.host}/{@code port}), plain text in UTF-8 so Thai reads as Thai. Every
 * email carries a {@code Message-ID} made from the message's id ({@link MessageIds}), the same on every
 * attempt: a delivery repeated after an interrupted send is recognisably the same email. Emails go out over one
 * connection kept open between them ({@link SmtpConnection}).
 */
@Component
@EnableConfigurationProperties(EmailProperties.class)
class EmailChannel implements DeliveryChannel, DisposableBean {

    /** Well within the idle time SMTP servers allow a client (at least 5 minutes, RFC 5321 4.5.3.2.7). */
    static final Duration KEPT_OPEN = Duration.ofSeconds(30);

    private final JavaMailSenderImpl mailSender;
    private final EmailProperties properties;
    private final SmtpConnection connection;

    @Autowired
    EmailChannel(JavaMailSenderImpl mailSender, EmailProperties properties) {
        this(mailSender, properties, KEPT_OPEN);
    }

    EmailChannel(JavaMailSenderImpl mailSender, EmailProperties properties, Duration keptOpen) {
        MailStreams.nameProvider();
        this.mailSender = mailSender;
        this.properties = properties;
        this.connection = new SmtpConnection(mailSender, keptOpen);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void deliver(OutgoingMessage message) {
        MimeMessage mime = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            // Kept when the message is sent (SmtpConnection), instead of a random one.
            mime.setHeader("Message-ID", MessageIds.of(message.messageId(), properties.messageIdDomain()));
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build the email to " + message.recipient(), e);
        }
        try {
            connection.send(mime);
        } catch (MessagingException e) {
            throw new MailSendException("Could not send the email to " + message.recipient(), e);
        }
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
