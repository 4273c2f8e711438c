package app.sabai.therapist;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain stays plain Java: rules, planning and the model never import Spring or the store. */
class ArchitectureTest {

    static final Path MAIN = Path.of("src/main/java/app/sabai/therapist");

    /** Whole packages of domain code, and the model classes of feature packages. */
    static final List<Path> DOMAIN = List.of(
            MAIN.resolve("planning"), MAIN.resolve("time"),
            MAIN.resolve("branch/Branch.java"), MAIN.resolve("branch/Room.java"), MAIN.resolve("branch/RoomKind.java"),
            MAIN.resolve("branch/EquipmentUnit.java"), MAIN.resolve("branch/EquipmentKind.java"),
            MAIN.resolve("branch/TechniqueNeeds.java"), MAIN.resolve("staff/Therapist.java"), MAIN.resolve("staff/Level.java"),
            MAIN.resolve("staff/Certification.java"), MAIN.resolve("shift/Shift.java"), MAIN.resolve("demo/DemoChain.java"));

    @Test
    void theDomainImportsNeitherSpringNorTheDriverNorAdapters() {
        List<Path> sources = DOMAIN.stream().flatMap(ArchitectureTest::javaFiles).toList();
        assertThat(sources).hasSizeGreaterThan(20);
        for (Path source : sources) {
            assertThat(read(source)).as(source.toString())
                    .doesNotContain("import org.springframework", "import com.mongodb", "import org.bson",
                            "import app.sabai.support", "import app.sabai.therapist.schedule", "import app.sabai.therapist.assignment");
        }
    }

    @Test
    void planningDependsOnNoFeatureThatDependsOnIt() {
        javaFiles(MAIN.resolve("planning")).forEach(source -> assertThat(read(source)).as(source.toString())
                .doesNotContain("import app.sabai.therapist.availability", "import app.sabai.therapist.demo"));
    }

    private static Stream<Path> javaFiles(Path path) {
        try {
            return Files.isDirectory(path)
                    ? Files.walk(path).filter(p -> p.toString().endsWith(".java")).toList().stream()
                    : Stream.of(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
