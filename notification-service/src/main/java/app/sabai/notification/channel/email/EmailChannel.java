package app.sabai.notification.channel.email;

import app.sabai.contracts.notifications.Channel;
import app.sabai.notification.channel.DeliveryChannel;
import app.sabai.notification.channel.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Email over SMTP ({@code spring.mail.host}/{@code port}), plain text in UTF-8 so Thai reads as Thai. Every
 * email carries a {@code Message-ID} made from the message's id ({@link MessageIds}), the same on every
 * attempt: a delivery repeated after an interrupted send is recognisably the same email.
 */
@Component
@EnableConfigurationProperties(EmailProperties.class)
class EmailChannel implements DeliveryChannel {

    private final JavaMailSender mailSender;
    private final EmailProperties properties;

    EmailChannel(JavaMailSender mailSender, EmailProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
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
            // JavaMailSenderImpl keeps a Message-ID set before sending instead of making a random one.
            mime.setHeader("Message-ID", MessageIds.of(message.messageId(), properties.messageIdDomain()));
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build the email to " + message.recipient(), e);
        }
        mailSender.send(mime);
    }
}
