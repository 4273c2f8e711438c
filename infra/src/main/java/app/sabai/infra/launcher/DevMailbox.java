package app.sabai.infra.launcher;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.util.StreamProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real mail server for local runs (GreenMail, inside the launcher's JVM): notification-service sends
 * its confirmations and reminders here over SMTP. Every message is saved as an {@code .eml} file; with an
 * IMAP port, any mail client can read them too (user: the recipient address, any password), and GreenMail then holds
 * them in memory as well, for as long as the launcher runs. Without one, nothing is held.
 */
public final class DevMailbox implements AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final GreenMail greenMail;
    private final Path folder;
    private final AtomicInteger saved = new AtomicInteger();

    private DevMailbox(GreenMail greenMail, Path folder) {
        this.greenMail = greenMail;
        this.folder = folder;
    }

    /** @param imapPort 0 for no IMAP server */
    public static DevMailbox start(int smtpPort, int imapPort, Path folder) {
        nameStreamProvider();
        List<ServerSetup> servers = new ArrayList<>(List.of(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));
        if (imapPort > 0) {
            servers.add(new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        }
        GreenMail greenMail = new GreenMail(servers.toArray(ServerSetup[]::new))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        DevMailbox mailbox = new DevMailbox(greenMail, folder);
        UserManager users = greenMail.getUserManager();
        MessageDeliveryHandler deliverToUser = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, recipient) -> {
            mailbox.save(message.getMessage(), recipient.getEmail());
            return imapPort > 0 ? deliverToUser.handle(message, recipient) : new SavedOnly(recipient.getEmail());
        });
        greenMail.start();
        return mailbox;
    }

    /**
     * GreenMail reads every message it receives into a {@code MimeMessage}, and Jakarta Mail 2.1 looks its
     * {@link StreamProvider} up through a {@link ServiceLoader} for each one and each set of headers (jakartaee/mail-api
     * issues 699 and 861): in the launcher's jar, a read of every nested jar's service files, half of what the mailbox
     * spent on a message. The lookup tries a system property of the interface's name first, so the provider the service
     * loader finds is named there once. A name given at start is left as it is.
     */
    static void nameStreamProvider() {
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) == null) {
            ServiceLoader.load(StreamProvider.class).findFirst()
                    .ifPresent(provider -> System.setProperty(property, provider.getClass().getName()));
        }
    }

    public Path folder() {
        return folder;
    }

    public int received() {
        return saved.get();
    }

    private void save(jakarta.mail.internet.MimeMessage message, String recipient) {
        String name = LocalDateTime.now().format(FILE_TIME) + "-" + saved.incrementAndGet() + "-"
                + recipient.replaceAll("[^A-Za-z0-9@._-]", "_") + ".eml";
        try {
            Files.createDirectories(folder);
            try (OutputStream out = Files.newOutputStream(folder.resolve(name))) {
                message.writeTo(out);
            }
        } catch (IOException | MessagingException e) {
            System.err.println("Mailbox: could not save a message for " + recipient + ": " + e.getMessage());
        }
    }

    /** Messages GreenMail holds in memory for its IMAP server. */
    int heldInMemory() {
        return greenMail.getReceivedMessages().length;
    }

    /**
     * A recipient whose messages are only saved as files. Without an IMAP server nobody reads GreenMail's in-memory store,
     * and it kept every message the platform ever sent in the launcher's small heap.
     */
    private record SavedOnly(String email) implements GreenMailUser {

        @Override
        public String getEmail() {
            return email;
        }

        @Override
        public String getLogin() {
            return email;
        }

        @Override
        public void deliver(MovingMessage message) {
        }

        @Override
        public void deliver(jakarta.mail.internet.MimeMessage message) {
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) throws UserException {
            throw new UserException("The mailbox keeps no messages to read without an IMAP port");
        }

        @Override
        public String getQualifiedMailboxName() {
            return email;
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
