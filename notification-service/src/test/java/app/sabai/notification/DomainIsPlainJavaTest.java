package app.sabai.notification;

import app.sabai.notification.booking.BookingNotifications;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain ({@code app.sabai.notification.booking}) is plain Java: it may use the contracts and the JDK,
 * but no Spring, no database driver, no service support, and none of this service's adapters. Checked on the
 * compiled classes, whose constant pools name every type they use.
 */
class DomainIsPlainJavaTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "org/springframework/|org/bson/|com/mongodb/|org/apache/kafka/|jakarta/|app/sabai/support/|app/sabai/notification/(?!booking/)");

    @Test
    void theDomainUsesNoFrameworkAndNoAdapter() throws URISyntaxException {
        Path domain = Path.of(BookingNotifications.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(BookingNotifications.class.getPackageName().replace('.', '/'));
        List<Path> classes = classFiles(domain);
        assertThat(classes).hasSizeGreaterThan(5);

        for (Path classFile : classes) {
            String constantPool = read(classFile);
            var matcher = FORBIDDEN.matcher(constantPool);
            assertThat(matcher.find())
                    .as("%s uses %s", classFile.getFileName(), matcher.hitEnd() ? "" : constantPool.substring(matcher.start(),
                            Math.min(constantPool.length(), matcher.start() + 60)))
                    .isFalse();
        }
    }

    private static List<Path> classFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
