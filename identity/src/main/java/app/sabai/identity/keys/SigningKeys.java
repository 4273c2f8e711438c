package app.sabai.identity.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The key that signs every token: an RSA 2048 key in a JWK set. Kept in a file, tokens issued before a
 * restart still validate after it; the file holds the private key, so it is readable by its owner only where
 * the file system has POSIX permissions.
 */
public final class SigningKeys {

    static final int KEY_SIZE = 2048;

    private SigningKeys() {
    }

    /** A new key, kept nowhere: tokens do not outlive the process. */
    public static JWKSet generate() {
        try {
            RSAKey key = new RSAKeyGenerator(KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            return new JWKSet(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA signing key", e);
        }
    }

    /** The key set in {@code file}, made and written there first when the file does not exist yet. */
    public static JWKSet loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            JWKSet created = generate();
            if (write(file, created)) {
                return created;
            }
            // Another process wrote it first: use theirs.
        }
        return read(file);
    }

    static JWKSet read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the signing key file " + file + ": " + e.getMessage(), e);
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(text);
        } catch (ParseException e) {
            throw new InvalidKeyFileException(file, "it is not a JWK set (" + e.getMessage() + ")");
        }
        boolean usable = !keys.getKeys().isEmpty()
                && keys.getKeys().stream().allMatch(key -> key instanceof RSAKey && key.isPrivate() && key.getKeyID() != null);
        if (!usable) {
            throw new InvalidKeyFileException(file, "it must hold RSA keys with their private part and a key id");
        }
        return keys;
    }

    /** False when the file appeared meanwhile. */
    private static boolean write(Path file, JWKSet keys) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
            Path temporary = posix
                    ? Files.createTempFile(folder, ".signing-key", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, ".signing-key", ".tmp");
            try {
                Files.writeString(temporary, keys.toString(false), StandardCharsets.UTF_8);
                try {
                    // A link, unlike a move, never replaces a file that appeared meanwhile.
                    Files.createLink(file, temporary);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (UnsupportedOperationException | IOException noHardLinks) {
                    return moveInto(temporary, file);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the signing key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean moveInto(Path temporary, Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file);
        }
        return true;
    }

    /** The key file exists but cannot be used; it is never replaced silently, since that would void every token. */
    public static final class InvalidKeyFileException extends RuntimeException {

        private final Path file;

        InvalidKeyFileException(Path file, String why) {
            super("The signing key file " + file + " cannot be used: " + why + ".");
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** For logs: the key ids, never the keys. */
    public static String keyIds(JWKSet keys) {
        return String.join(", ", keys.getKeys().stream().map(JWK::getKeyID).toList());
    }
}
