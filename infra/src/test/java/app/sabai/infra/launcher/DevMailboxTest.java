package app.sabai.infra.launcher;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
