package app.sabai.notification.channel.email;

import app.sabai.infra.Ports;
import app.sabai.notification.channel.OutgoingMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Emails through a real SMTP server (GreenMail), reached through a relay that counts and can cut the connections. */
class EmailChannelTest {

    private final GreenMail server = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private ConnectionCounter relay;
    private EmailChannel channel;

    @BeforeEach
    void start() throws IOException {
        server.start();
        relay = new ConnectionCounter(server.getSmtp().getPort());
        channel = channel(EmailChannel.KEPT_OPEN);
    }

    @AfterEach
    void stop() throws IOException {
        channel.destroy();
        relay.close();
        server.stop();
    }

    @Test
    void emailsOneAfterAnotherGoOutOverOneConnection() throws Exception {
        for (int i = 1; i <= 3; i++) {
            channel.deliver(message("booking-" + i + ":confirmation", "guest" + i + "@example.com"));
        }

        assertThat(server.waitForIncomingEmail(5_000, 3)).isTrue();
        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(received[1].getMessageID()).isEqualTo(MessageIds.of("booking-2:confirmation", "notifications.sabai.app"));
        assertThat(received[2].getAllRecipients()[0].toString()).isEqualTo("guest3@example.com");
        assertThat(relay.accepted()).isEqualTo(1);
    }

    @Test
    void anEmailAfterTheServerClosedTheConnectionGoesOutOnANewOne() {
        channel.deliver(message("booking-1:confirmation", "ada@example.com"));
        relay.cutAll();

        channel.deliver(message("booking-2:confirmation", "ben@example.com"));

        assertThat(server.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(server.getReceivedMessages()).hasSize(2);
        assertThat(relay.accepted()).isEqualTo(2);
    }

    @Test
    void aConnectionIdleForLongerThanItIsKeptIsNotTrusted() {
        channel.destroy();
        channel = channel(Duration.ZERO);

        channel.deliver(message("booking-1:confirmation", "ada@example.com"));
        channel.deliver(message("booking-2:confirmation", "ben@example.com"));

        assertThat(server.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(server.getReceivedMessages()).hasSize(2);
        assertThat(relay.accepted()).isEqualTo(2);
    }

    private EmailChannel channel(Duration keptOpen) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        sender.setDefaultEncoding("UTF-8");
        Properties timeouts = new Properties();
        timeouts.setProperty("mail.smtp.connectiontimeout", "5000");
        timeouts.setProperty("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(timeouts);
        return new EmailChannel(sender, new EmailProperties(null, null), keptOpen);
    }

    private static OutgoingMessage message(String id, String recipient) {
        return new OutgoingMessage(id, recipient, "Your booking at Sabai Liverpool", "See you on Friday at 14:00.");
    }

    /** A TCP relay to the SMTP server that counts the connections it accepted and can cut them all. */
    private static final class ConnectionCounter implements AutoCloseable {

        private final ServerSocket listening = new ServerSocket(0);
        private final int target;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        ConnectionCounter(int target) throws IOException {
            this.target = target;
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return listening.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        void cutAll() {
            open.forEach(ConnectionCounter::closeQuietly);
            open.clear();
        }

        private void accept() {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket("127.0.0.1", target);
                    accepted.incrementAndGet();
                    open.add(client);
                    open.add(upstream);
                    Thread.ofVirtual().start(() -> pump(client, upstream));
                    Thread.ofVirtual().start(() -> pump(upstream, client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException | UncheckedIOException ended) {
                // one side closed: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            listening.close();
            open.forEach(ConnectionCounter::closeQuietly);
        }
    }
}
