package app.sabai.infra.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Turns a Spring Boot fat jar into a plain one: its own classes in {@code <name>.jar}, whose manifest
 * names its main class and lists the libraries copied to {@code lib/} in the fat jar's class-path order.
 * A JVM can keep a class-data-sharing archive of classes loaded from plain jars, not from nested ones.
 */
final class ThinJar {

    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";
    private static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";

    private ThinJar() {
    }

    /** Extracts {@code fatJar} into the empty or missing folder {@code destination}; returns the plain jar to run. */
    static Path extract(Path fatJar, Path destination) throws IOException {
        Files.createDirectories(destination.resolve("lib"));
        try (JarFile jar = new JarFile(fatJar.toFile())) {
            Manifest fatManifest = jar.getManifest();
            String startClass = fatManifest == null ? null : fatManifest.getMainAttributes().getValue("Start-Class");
            if (startClass == null) {
                throw new IOException(fatJar + " is not a Spring Boot executable jar (no Start-Class)");
            }
            List<String> libraries = new ArrayList<>();
            for (String library : classPathOrder(jar)) {
                JarEntry entry = jar.getJarEntry(library);
                if (entry == null) {
                    continue;
                }
                String fileName = library.substring(LIB.length());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, destination.resolve("lib").resolve(fileName));
                }
                libraries.add("lib/" + fileName);
            }

            Path thin = destination.resolve(fatJar.getFileName());
            try (OutputStream file = Files.newOutputStream(thin);
                 JarOutputStream out = new JarOutputStream(file, thinManifest(fatManifest, startClass, libraries))) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith(CLASSES) || entry.getName().equals(CLASSES)) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(entry.getName().substring(CLASSES.length()));
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    if (!entry.isDirectory()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            return thin;
        }
    }

    /** The libraries in the order the build put them on the class path (then any the index does not list). */
    private static Set<String> classPathOrder(JarFile jar) throws IOException {
        Set<String> order = new LinkedHashSet<>();
        JarEntry index = jar.getJarEntry(CLASSPATH_INDEX);
        if (index != null) {
            try (InputStream in = jar.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String entry = line.replaceFirst("^- \"", "").replaceFirst("\"$", "").trim();
                    if (entry.startsWith(LIB)) {
                        order.add(entry);
                    }
                }
            }
        }
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(LIB) && name.endsWith(".jar")) {
                order.add(name);
            }
        }
        return order;
    }

    private static Manifest thinManifest(Manifest fat, String startClass, List<String> libraries) {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        fat.getMainAttributes().forEach((name, value) -> {
            String key = name.toString();
            if (!key.startsWith("Spring-Boot-") && !key.equals("Start-Class") && !key.equals("Main-Class")) {
                attributes.put(name, value);
            }
        });
        attributes.put(Attributes.Name.MAIN_CLASS, startClass);
        attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", libraries));
        return manifest;
    }
}
