package app.sabai.system.harness;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The platform's development mailbox as a customer would read it: every message the mail server received,
 * which the launcher saves as {@code mail/*.eml} in the platform's data folder.
 */
public final class Mailbox {

    private static final Session PARSING = Session.getInstance(new Properties());

    private final Path folder;

    public Mailbox(Path dataDirectory) {
        this.folder = dataDirectory.resolve("mail");
    }

    /** One message: its recipient, its subject (unfolded) and its plain-text body. */
    public record Mail(String to, String subject, String body, Path file) {
    }

    /** Every message sent to the address so far, oldest first. */
    public List<Mail> to(String address) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Mail> mails = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".eml")).sorted().toList()) {
                Mail mail = read(file);
                if (mail != null && mail.to().equalsIgnoreCase(address)) {
                    mails.add(mail);
                }
            }
            return mails;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages sent to the address that are of the kind asked for. */
    public List<Mail> to(String address, Predicate<Mail> kind) {
        return to(address).stream().filter(kind).toList();
    }

    /**
     * The {@code Message-ID} of every message received, one entry per message file: an id that appears twice was
     * delivered twice (a send the sender could not know had left, repeated under the same id).
     */
    public List<String> messageIds() {
        return received().stream().map(Received::messageId).toList();
    }

    /** A message as the mail server received it: its {@code Message-ID}, and when its file was written. */
    public record Received(String messageId, Instant at) {
    }

    /** Every message received, one entry per message file, oldest file name first. */
    public List<Received> received() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Received> received = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".eml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    String id = new MimeMessage(PARSING, in).getMessageID();
                    if (id != null) {
                        received.add(new Received(id, Files.getLastModifiedTime(file).toInstant()));
                    }
                } catch (MessagingException e) {
                    // Still being written: counted on the next look.
                }
            }
            return received;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message in the file, or null while the mail server is still writing it. */
    private static Mail read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(PARSING, in);
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            Object content = message.getContent();
            if (recipients == null || message.getSubject() == null || !(content instanceof String body)) {
                return null;
            }
            String to = Arrays.stream(recipients)
                    .map(address -> address instanceof InternetAddress internet ? internet.getAddress() : address.toString())
                    .findFirst().orElse("");
            return new Mail(to, message.getSubject(), body, file);
        } catch (MessagingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
