package app.sabai.gateway.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The claims of a JWT as JSON, read without checking it: for asserting what a backend was sent. */
public final class TokenClaims {

    private TokenClaims() {
    }

    public static JsonNode of(String jwt) {
        String[] parts = jwt.split("\\.");
        return JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** The claims of the bearer token in an {@code Authorization} header value. */
    public static JsonNode ofBearer(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AssertionError("not a bearer token: " + authorization);
        }
        return of(authorization.substring("Bearer ".length()));
    }
}
