package app.sabai.identity.keys.adapter;

import app.sabai.identity.IdentityProperties;
import app.sabai.identity.StartRefusedException;
import app.sabai.identity.keys.SigningKeys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The signing key (from {@code sabai.identity.key-file}, or new in memory) and the one encoder that signs with it. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeysConfiguration.class);

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        JWKSet keys;
        if (properties.keyFile() == null) {
            keys = SigningKeys.generate();
            log.info("Signing key {} made in memory (no sabai.identity.key-file): tokens will not validate after a restart",
                    SigningKeys.keyIds(keys));
        } else {
            try {
                keys = SigningKeys.loadOrCreate(properties.keyFile());
            } catch (SigningKeys.InvalidKeyFileException e) {
                throw new StartRefusedException(e.getMessage(), "Restore the file, or delete it to make a new key"
                        + " (every token issued with the old one then stops validating).");
            }
            log.info("Signing key {} from {}", SigningKeys.keyIds(keys), properties.keyFile());
        }
        return new ImmutableJWKSet<>(keys);
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }
}
