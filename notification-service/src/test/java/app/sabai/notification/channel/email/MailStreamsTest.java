package app.sabai.notification.channel.email;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** An email written and read back as the dispatcher and a mail server do, counting Jakarta Mail's service-file lookups. */
class MailStreamsTest {

    private final ClassLoader original = Thread.currentThread().getContextClassLoader();
    private final String named = System.getProperty(MailStreams.PROVIDER_PROPERTY);
    private final ServiceFileLookups lookups = new ServiceFileLookups(original);

    @BeforeEach
    void countLookups() {
        System.clearProperty(MailStreams.PROVIDER_PROPERTY);
        Thread.currentThread().setContextClassLoader(lookups);
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(original);
        if (named == null) {
            System.clearProperty(MailStreams.PROVIDER_PROPERTY);
        } else {
            System.setProperty(MailStreams.PROVIDER_PROPERTY, named);
        }
    }

    @Test
    void onceTheProviderIsNamedAnEmailIsWrittenAndReadWithoutLookingItUp() throws Exception {
        writtenAndReadBack();
        assertThat(lookups.count()).as("lookups of the provider's service file before it is named").isPositive();

        MailStreams.nameProvider();
        lookups.reset();
        MimeMessage read = writtenAndReadBack();

        assertThat(lookups.count()).isZero();
        assertThat(System.getProperty(MailStreams.PROVIDER_PROPERTY)).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(read.getSubject()).isEqualTo("Your Thai massage, ยืนยันแล้ว");
        assertThat(read.getContent().toString()).contains("วันพรุ่งนี้");
    }

    @Test
    void aProviderNamedAtStartIsKept() {
        System.setProperty(MailStreams.PROVIDER_PROPERTY, "com.example.mail.OwnStreamProvider");

        MailStreams.nameProvider();

        assertThat(System.getProperty(MailStreams.PROVIDER_PROPERTY)).isEqualTo("com.example.mail.OwnStreamProvider");
    }

    private static MimeMessage writtenAndReadBack() throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage message = new MimeMessage(session);
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom("bookings@sabai.example");
        helper.setTo("guest@example.com");
        helper.setSubject("Your Thai massage, ยืนยันแล้ว");
        helper.setText("พบกันวันพรุ่งนี้ at 10:00", false);
        message.saveChanges();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        message.writeTo(written);
        return new MimeMessage(session, new ByteArrayInputStream(written.toByteArray()));
    }

    /** Counts the lookups of Jakarta Mail's stream provider through service files, and finds everything as its parent does. */
    private static final class ServiceFileLookups extends ClassLoader {

        private static final String SERVICE_FILE = "META-INF/services/" + MailStreams.PROVIDER_PROPERTY;

        private final AtomicInteger count = new AtomicInteger();

        ServiceFileLookups(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (SERVICE_FILE.equals(name)) {
                count.incrementAndGet();
            }
            return super.getResources(name);
        }

        int count() {
            return count.get();
        }

        void reset() {
            count.set(0);
        }
    }
}
