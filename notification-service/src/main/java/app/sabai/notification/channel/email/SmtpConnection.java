package app.sabai.notification.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Duration;
import java.util.Date;

/**
 * One SMTP connection kept open from one email to the next, instead of a connection, a greeting and a goodbye for every
 * email ({@link JavaMailSenderImpl#send} opens one per call): the handshake (and a TLS one where the relay asks for it)
 * is most of what sending a short email costs both ends. The dispatcher sends one email at a time, so one connection is
 * enough; the methods are synchronized all the same.
 * <p>
 * A connection unused for longer than {@code idle} is closed before the next email rather than trusted. Any failure on
 * a kept connection sends the email once more, on a new one: a connection the server closed in the meantime can fail
 * as a write, or as a refusal of {@code MAIL FROM} ({@code [EOF]}), so the two cannot be told apart. A recipient the
 * server really refuses is refused again there, and a failure on a new connection is the email's failure.
 */
final class SmtpConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final JavaMailSenderImpl server;
    private final long idleNanos;
    private Transport transport;
    private long lastUsed;

    SmtpConnection(JavaMailSenderImpl server, Duration idle) {
        this.server = server;
        this.idleNanos = idle.toNanos();
    }

    synchronized void send(MimeMessage message) throws MessagingException {
        ready(message);
        if (transport != null && System.nanoTime() - lastUsed > idleNanos) {
            close();
        }
        if (transport != null) {
            try {
                sendOn(transport, message);
                return;
            } catch (MessagingException | IllegalStateException gone) {
                log.debug("The kept SMTP connection failed ({}); sending on a new one", gone.toString());
                close();
            }
        }
        transport = connect();
        try {
            sendOn(transport, message);
        } catch (MessagingException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        Transport open = transport;
        transport = null;
        if (open != null) {
            try {
                open.close();
            } catch (MessagingException e) {
                log.debug("Closing the SMTP connection failed: {}", e.toString());
            }
        }
    }

    private void sendOn(Transport open, MimeMessage message) throws MessagingException {
        open.sendMessage(message, message.getAllRecipients());
        lastUsed = System.nanoTime();
    }

    private Transport connect() throws MessagingException {
        Transport opened = server.getSession().getTransport(server.getProtocol() == null ? "smtp" : server.getProtocol());
        String username = server.getUsername();
        String password = server.getPassword();
        if (username != null && username.isEmpty()) {
            username = null;
            password = password != null && password.isEmpty() ? null : password;
        }
        opened.connect(server.getHost(), server.getPort(), username, password);
        return opened;
    }

    /** What {@link JavaMailSenderImpl} does before sending: a date, the headers, and the Message-ID set before kept. */
    private static void ready(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
    }
}
