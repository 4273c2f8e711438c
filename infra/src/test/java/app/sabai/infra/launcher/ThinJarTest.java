package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.stream.Stream;

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
        List<String> problems = new ArrayList<>();
        Path thin;
        try (StartupCache cache = new StartupCache(folder.resolve("cache"))) {
            cache.prepare(List.of(fat), problems::add);
            thin = cache.jar(fat);
            assertThat(thin).isEqualTo(folder.resolve("cache").resolve(StartupCache.buildFolderName(fat)).resolve("greeter-1.0-exec.jar"));
            assertThat(cache.jvmOptions("gateway", fat)).containsExactly(
                    "-XX:SharedArchiveFile=" + archiveBeside(thin, "gateway"), "-XX:+AutoCreateSharedArchive");
        }
        Files.setLastModifiedTime(thin, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path archive = archiveBeside(thin, "gateway");
        Files.writeString(archive, "an archive the JVM wrote at its exit");
        Files.writeString(folder.resolve("cache/gateway.jsa"), "a file no build of this cache knows");

        try (StartupCache again = new StartupCache(folder.resolve("cache"))) {
            again.prepare(List.of(fat), problems::add);
            assertThat(again.jar(fat)).isEqualTo(thin);
            assertThat(Files.getLastModifiedTime(thin)).isEqualTo(FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        }

        fatJar(fat, "hello again");
        Files.setLastModifiedTime(fat, FileTime.from(Instant.now().plusSeconds(60)));
        try (StartupCache rebuilt = new StartupCache(folder.resolve("cache"))) {
            rebuilt.prepare(List.of(fat), problems::add);
            Path rebuiltThin = rebuilt.jar(fat);
            assertThat(rebuiltThin).isNotEqualTo(thin).exists();
            // The JVM would neither use nor rewrite the archive of the jar built before: each build has its own.
            assertThat(rebuilt.jvmOptions("gateway", fat)).first().asString()
                    .isEqualTo("-XX:SharedArchiveFile=" + archiveBeside(rebuiltThin, "gateway"));
            assertThat(thin.getParent()).doesNotExist();
        }
        assertThat(folder.resolve("cache/gateway.jsa")).doesNotExist();
        assertThat(problems).isEmpty();
    }

    @Test
    void aJarBuiltAgainStartsOnAnArchiveOfItsOwn() throws Exception {
        Path fat = fatJar(folder.resolve("greeter-1.0-exec.jar"), "hello");
        try (StartupCache cache = new StartupCache(folder.resolve("cache"))) {
            cache.prepare(List.of(fat), problem -> { });
            assertThat(greet(cache, fat, "first")).isZero();
            assertThat(greet(cache, fat, "archived", "-Xlog:class+load=info")).isZero();
            assertThat(greeterLoadedFromTheArchive("archived")).isTrue();
        }

        fatJar(fat, "hello again");
        Files.setLastModifiedTime(fat, FileTime.from(Instant.now().plusSeconds(60)));
        try (StartupCache rebuilt = new StartupCache(folder.resolve("cache"))) {
            rebuilt.prepare(List.of(fat), problem -> { });
            assertThat(greet(rebuilt, fat, "rebuilt")).isZero();
            // The JVM would neither map nor write again an archive of the jar built before.
            assertThat(greet(rebuilt, fat, "rebuilt-archived", "-Xlog:class+load=info")).isZero();
            assertThat(greeterLoadedFromTheArchive("rebuilt-archived")).isTrue();
            assertThat(Files.readString(folder.resolve("logs/rebuilt-archived.log"))).contains("hello again");
        }
    }

    /** Where the cache puts the archive of {@code child}, run from the extracted jar {@code thin}. */
    private static Path archiveBeside(Path thin, String child) {
        return thin.resolveSibling(child + ".jdk-" + Runtime.version() + ".jsa");
    }

    private boolean greeterLoadedFromTheArchive(String run) throws IOException {
        return Files.readAllLines(folder.resolve("logs/" + run + ".log")).stream()
                .filter(line -> line.contains(Greeter.class.getName() + " source:"))
                .anyMatch(line -> line.contains("shared objects file (top)"));
    }

    /** Runs the greeter the way the launcher would run it from this cache; its exit code. */
    private int greet(StartupCache cache, Path fat, String name, String... more) {
        List<String> command = new ArrayList<>(List.of(Executables.currentJava()));
        command.addAll(cache.jvmOptions("greeter", fat));
        command.addAll(List.of(more));
        command.addAll(List.of("-jar", cache.jar(fat).toString()));
        ChildProcess greeter = ChildProcess.start(name, command, Map.of(), folder, folder.resolve("logs"), folder.resolve("run"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !greeter.isAlive());
        return greeter.exitValue();
    }

    @Test
    void anEarlierBuildIsKeptWhileAnotherLauncherHoldsTheCache() throws Exception {
        Path cacheFolder = folder.resolve("cache");
        Path fat = fatJar(folder.resolve("greeter-1.0-exec.jar"), "hello");
        Path earlier;
        try (StartupCache cache = new StartupCache(cacheFolder)) {
            cache.prepare(List.of(fat), problem -> { });
            earlier = cache.jar(fat).getParent();
        }
        ChildProcess otherLauncher = ChildProcess.start("other-launcher", List.of(Executables.currentJava(),
                        "-cp", System.getProperty("java.class.path"), CacheHolder.class.getName(), cacheFolder.resolve("in-use").toString()),
                Map.of(), folder, folder.resolve("logs"), folder.resolve("run"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(otherLauncher.logFile()).contains("holding"));
            fatJar(fat, "hello again");
            Files.setLastModifiedTime(fat, FileTime.from(Instant.now().plusSeconds(60)));
            try (StartupCache whileOtherRuns = new StartupCache(cacheFolder)) {
                whileOtherRuns.prepare(List.of(fat), problem -> { });
                assertThat(whileOtherRuns.jar(fat).getParent()).isNotEqualTo(earlier).exists();
                assertThat(earlier).isDirectory();
            }
        } finally {
            otherLauncher.kill();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !otherLauncher.isAlive());

        try (StartupCache alone = new StartupCache(cacheFolder)) {
            alone.prepare(List.of(fat), problem -> { });
            assertThat(earlier).doesNotExist();
            assertThat(alone.jar(fat)).exists();
        }
    }

    @Test
    void theCacheADataFolderKeptBeforeIsRemovedAndTheRestOfTheFolderKept() throws Exception {
        Path data = folder.resolve("data");
        Files.createDirectories(data.resolve("cache/gateway-0.1.0-SNAPSHOT/lib"));
        Files.writeString(data.resolve("cache/gateway.jsa"), "an archive");
        Files.writeString(data.resolve("cache/gateway-0.1.0-SNAPSHOT/lib/a.jar"), "a library");
        Files.createDirectories(data.resolve("mongo"));
        Files.writeString(data.resolve("mongo/store.mv"), "the data");
        List<String> problems = new ArrayList<>();

        StartupCache.removeFromDataFolder(data, problems::add);
        StartupCache.removeFromDataFolder(data, problems::add);

        assertThat(data.resolve("cache")).doesNotExist();
        assertThat(data.resolve("mongo/store.mv")).hasContent("the data");
        assertThat(problems).isEmpty();
    }

    /** Another launcher, as far as the cache can tell: a process holding the cache's lock shared until it is killed. */
    public static final class CacheHolder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                channel.lock(0, Long.MAX_VALUE, true);
                System.out.println("holding");
                Thread.sleep(Duration.ofMinutes(5));
            }
        }
    }

    @Test
    void aJarThatCannotBeExtractedRunsAsBuilt() throws Exception {
        Path plain = folder.resolve("plain.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(plain), new Manifest())) {
            out.flush();
        }
        List<String> problems = new ArrayList<>();
        try (StartupCache cache = new StartupCache(folder.resolve("cache"))) {
            cache.prepare(List.of(plain), problems::add);

            assertThat(cache.jar(plain)).isEqualTo(plain);
            assertThat(cache.jvmOptions("plain", plain)).isEmpty();
        }
        assertThat(problems).singleElement().asString().contains("plain.jar").contains("running it as built");
        try (Stream<Path> left = Files.list(folder.resolve("cache"))) {
            assertThat(left).extracting(path -> path.getFileName().toString()).containsExactly("in-use");
        }
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
