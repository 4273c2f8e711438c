package app.sabai.identity.keys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @TempDir
    Path folder;

    @Test
    void aNewKeyIsAnRsa2048SigningKeyWithAnId() {
        RSAKey key = (RSAKey) SigningKeys.generate().getKeys().getFirst();

        assertThat(key.size()).isEqualTo(2048);
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isNotBlank();
        assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
    }

    @Test
    void theFirstLoadWritesTheKeyAndLaterLoadsReadTheSameOne() throws IOException {
        Path file = folder.resolve("new-folder").resolve("signing-key.json");

        JWKSet first = SigningKeys.loadOrCreate(file);
        JWKSet second = SigningKeys.loadOrCreate(file);

        assertThat(file).exists();
        assertThat(second.getKeys().getFirst().getKeyID()).isEqualTo(first.getKeys().getFirst().getKeyID());
        assertThat(second.getKeys().getFirst().toRSAKey().toPublicJWK()).isEqualTo(first.getKeys().getFirst().toRSAKey().toPublicJWK());
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void aFileThatIsNotAKeySetIsRefusedAndKept() throws IOException {
        Path file = folder.resolve("signing-key.json");
        Files.writeString(file, "not json");

        assertThatThrownBy(() -> SigningKeys.loadOrCreate(file))
                .isInstanceOf(SigningKeys.InvalidKeyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a JWK set");
        assertThat(Files.readString(file)).isEqualTo("not json");
    }

    @Test
    void aKeySetWithoutThePrivateKeyIsRefused() throws IOException {
        Path file = folder.resolve("signing-key.json");
        Files.writeString(file, SigningKeys.generate().toPublicJWKSet().toString());

        assertThatThrownBy(() -> SigningKeys.loadOrCreate(file))
                .isInstanceOf(SigningKeys.InvalidKeyFileException.class)
                .hasMessageContaining("private part");
    }
}
