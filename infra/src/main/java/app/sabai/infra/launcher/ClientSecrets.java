package app.sabai.infra.launcher;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of identity's confidential clients for a run without demo data, where identity accepts no
 * default secret. Fresh for every run and handed to the children in their environment, never on a command line.
 */
public record ClientSecrets(String gateway, String monitor) {

    /** The environment variables identity (and the gateway, for its own client) read them from. */
    public static final String GATEWAY_VARIABLE = "SABAI_IDENTITY_GATEWAY_SECRET";
    public static final String MONITOR_VARIABLE = "SABAI_IDENTITY_MONITOR_SECRET";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static ClientSecrets random() {
        return new ClientSecrets(secret(), secret());
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
