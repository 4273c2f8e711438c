package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThinJarTest {

    /** The "application" of the fat jars below: prints a text that lives in one of its libraries. */
    public static final class Greeter {
        public static void main(String[] args) throws IOException {
            try (InputStream greeting = Greeter.class.getResourceAsStream("/greeting.txt")) {
                System.out.println(new String(greeting.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @TempDir
    Path folder;

    @Test
    void theExtractedJarRunsWithItsLibrariesOnTheClassPath() throws Exception {
        Path fat = fatJar(folder.resolve("greeter-1.0-exec.jar"), "sawasdee");

        Path thin = ThinJar.extract(fat, folder.resolve("extracted"));

        assertThat(thin).isEqualTo(folder.resolve("extracted/greeter-1.0-exec.jar"));
        assertThat(folder.resolve("extracted/lib/greeting-1.0.jar")).exists();
        try (JarFile jar = new JarFile(thin.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Main-Class")).isEqualTo(Greeter.class.getName());
            assertThat(main.getValue("Class-Path")).isEqualTo("lib/greeting-1.0.jar");
            assertThat(main.getValue("Implementation-Version")).isEqualTo("1.0");
            assertThat(main.getValue("Start-Class")).isNull();
        }
        ChildProcess greeter = ChildProcess.start("greeter", List.of(Executables.currentJava(), "-jar", thin.toString()), Map.of(),
                folder, folder.resolve("logs"), folder.resolve("run"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !greeter.isAlive());
        assertThat(greeter.exitValue()).isZero();
        assertThat(greeter.logFile()).content().contains("sawasdee");
    }

    @Test
    void theCacheExtractsOnceAndAgainOnlyWhenTheBuildChangesTheJar() throws Exception {
        Path fat = fatJar(folder.resolve("greeter-1.0-exec.jar"), "hello");
        StartupCache cache = new StartupCache(folder.resolve("cache"));
        List<String> problems = new ArrayList<>();

        cache.prepare(List.of(fat), problems::add);
        Path thin = cache.jar(fat);
        FileTime firstExtraction = Files.getLastModifiedTime(thin);
        Files.setLastModifiedTime(thin, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        cache.prepare(List.of(fat), problems::add);
        assertThat(cache.jar(fat)).isEqualTo(thin);
        assertThat(Files.getLastModifiedTime(thin)).isEqualTo(FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        fatJar(fat, "hello again");
        Files.setLastModifiedTime(fat, FileTime.from(firstExtraction.toInstant().plusSeconds(60)));
        cache.prepare(List.of(fat), problems::add);
        assertThat(Files.getLastModifiedTime(thin)).isNotEqualTo(FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(cache.jvmOptions("gateway"))
                .containsExactly("-XX:SharedArchiveFile=" + folder.resolve("cache/gateway.jsa"), "-XX:+AutoCreateSharedArchive");
        assertThat(problems).isEmpty();
    }

    @Test
    void aJarThatCannotBeExtractedRunsAsBuilt() throws Exception {
        Path plain = folder.resolve("plain.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(plain), new Manifest())) {
            out.flush();
        }
        StartupCache cache = new StartupCache(folder.resolve("cache"));
        List<String> problems = new ArrayList<>();

        cache.prepare(List.of(plain), problems::add);

        assertThat(cache.jar(plain)).isEqualTo(plain);
        assertThat(problems).singleElement().asString().contains("plain.jar").contains("running it as built");
    }

    /** A jar laid out like a Spring Boot executable jar: the application's classes and one library inside. */
    private static Path fatJar(Path file, String greeting) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        manifest.getMainAttributes().putValue("Start-Class", Greeter.class.getName());
        manifest.getMainAttributes().putValue("Implementation-Version", "1.0");
        manifest.getMainAttributes().putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            String classFile = Greeter.class.getName().replace('.', '/') + ".class";
            try (InputStream in = Greeter.class.getClassLoader().getResourceAsStream(classFile)) {
                put(out, "BOOT-INF/classes/" + classFile, in.readAllBytes());
            }
            put(out, "BOOT-INF/lib/greeting-1.0.jar", libraryWith("greeting.txt", greeting));
            put(out, "BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/greeting-1.0.jar\"\n".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static byte[] libraryWith(String resource, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, new Manifest())) {
            put(out, resource, text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
