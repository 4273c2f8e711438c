package app.sabai.identity.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Set;

/**
 * Checks a token the way a resource server does: the signature against the JWKS identity publishes (RS256
 * only), the issuer, the audience and the times; answers its claims.
 */
public final class Jwts {

    private Jwts() {
    }

    /** The keys identity publishes at {@code /oauth2/jwks}. */
    public static JWKSet jwks(IdentityClient identity) {
        HttpResponse<String> answer = identity.get("/oauth2/jwks");
        if (answer.statusCode() != 200) {
            throw new AssertionError("JWKS answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            return JWKSet.parse(answer.body());
        } catch (ParseException e) {
            throw new AssertionError("JWKS is not a JWK set: " + answer.body(), e);
        }
    }

    public static JWTClaimsSet verify(String token, JWKSet keys, String issuer, String audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "iat", "exp", "jti")));
        try {
            return processor.process(token, null);
        } catch (Exception e) {
            throw new AssertionError("The token does not verify: " + e.getMessage(), e);
        }
    }

    /** An access token for the platform: issued by the default issuer, for audience {@code sabai}. */
    public static JWTClaimsSet verifyAccessToken(String token, IdentityClient identity) {
        return verify(token, jwks(identity), Issuer.DEFAULT, "sabai");
    }
}
