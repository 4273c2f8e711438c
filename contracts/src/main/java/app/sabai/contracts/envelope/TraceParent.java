package app.sabai.contracts.envelope;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}.
 * A request gets one at the gateway; every event it causes, directly or downstream, carries the same trace id.
 */
public record TraceParent(String traceId, String parentId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_PARENT_ID = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public static TraceParent newRoot() {
        return new TraceParent(randomHex(16), randomHex(8), "01");
    }

    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches() || INVALID_TRACE_ID.equals(matcher.group(1)) || INVALID_PARENT_ID.equals(matcher.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(matcher.group(1), matcher.group(2), matcher.group(3)));
    }

    /** The same trace, a new span: what a hop passes on. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), flags);
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HEX.formatHex(buffer);
    }
}
