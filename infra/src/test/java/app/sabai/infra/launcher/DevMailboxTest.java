package app.sabai.infra.launcher;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's mail server, over real SMTP: what it saves, and what it holds. */
class DevMailboxTest {

    @TempDir
    Path folder;

    @Test
    void withoutAnImapPortEveryMessageIsSavedAsAFileAndNoneIsHeldInMemory() throws IOException {
        int smtp = freePort();
        try (DevMailbox mailbox = DevMailbox.start(smtp, 0, folder)) {
            for (int i = 1; i <= 3; i++) {
                GreenMailUtil.sendTextEmail("guest" + i + "@example.com", "bookings@sabai.example", "Booking " + i + " confirmed",
                        "See you soon", smtpAt(smtp));
            }

            assertThat(mailbox.received()).isEqualTo(3);
            assertThat(mailbox.heldInMemory()).isZero();
            List<Path> saved = savedFiles();
            assertThat(saved).hasSize(3);
            assertThat(saved).anySatisfy(file -> assertThat(file.getFileName().toString()).endsWith("guest2@example.com.eml"));
            assertThat(Files.readString(saved.stream().filter(file -> file.toString().contains("guest3")).findFirst().orElseThrow()))
                    .contains("Subject: Booking 3 confirmed");
        }
    }

    @Test
    void withAnImapPortTheMessagesAreHeldForAMailClientToo() throws IOException {
        int smtp = freePort();
        try (DevMailbox mailbox = DevMailbox.start(smtp, freePort(), folder)) {
            GreenMailUtil.sendTextEmail("guest@example.com", "bookings@sabai.example", "Booking confirmed", "See you soon", smtpAt(smtp));

            assertThat(mailbox.heldInMemory()).isEqualTo(1);
            assertThat(savedFiles()).hasSize(1);
        }
    }

    @Test
    void messagesAreReadWithoutLookingUpJakartaMailsStreamProviderEachTime() throws IOException {
        String property = StreamProvider.class.getName();
        String named = System.clearProperty(property);
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        ServiceFileLookups lookups = new ServiceFileLookups(original, "META-INF/services/" + property);
        int smtp = freePort();
        // GreenMail's threads take the class loader of the thread that starts it, so only their lookups are counted.
        Thread.currentThread().setContextClassLoader(lookups);
        try (DevMailbox mailbox = DevMailbox.start(smtp, 0, folder)) {
            Thread.currentThread().setContextClassLoader(original);
            int atStart = lookups.count();
            for (int i = 1; i <= 3; i++) {
                GreenMailUtil.sendTextEmail("guest" + i + "@example.com", "bookings@sabai.example", "Booking " + i + " confirmed",
                        "See you soon", smtpAt(smtp));
            }

            assertThat(mailbox.received()).isEqualTo(3);
            assertThat(lookups.count()).as("lookups while three messages were received").isEqualTo(atStart);
            assertThat(atStart).as("the lookup that names the provider").isEqualTo(1);
            assertThat(System.getProperty(property)).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        } finally {
            Thread.currentThread().setContextClassLoader(original);
            if (named != null) {
                System.setProperty(property, named);
            }
        }
    }

    private List<Path> savedFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
    }

    private static ServerSetup smtpAt(int port) {
        return new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Counts the reads of one service file, and finds everything as its parent does. */
    private static final class ServiceFileLookups extends ClassLoader {

        private final String serviceFile;
        private final AtomicInteger count = new AtomicInteger();

        ServiceFileLookups(ClassLoader parent, String serviceFile) {
            super(parent);
            this.serviceFile = serviceFile;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (serviceFile.equals(name)) {
                count.incrementAndGet();
            }
            return super.getResources(name);
        }

        int count() {
            return count.get();
        }
    }
}
