package app.sabai.booking.idempotency;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of what a request asks for: its method, its path and its body, a JSON body in a canonical form
 * (properties in a fixed order, spacing ignored) so the same request sent again matches however its JSON was
 * written; a body that is not JSON as its bytes.
 */
public final class RequestDigest {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestDigest() {
    }

    public static String of(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(canonical(body));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] canonical(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try {
            JsonNode tree = CANONICAL.readTree(body);
            Object plain = CANONICAL.treeToValue(tree, Object.class);
            return CANONICAL.writeValueAsBytes(plain);
        } catch (JacksonException notJson) {
            return body;
        }
    }
}
