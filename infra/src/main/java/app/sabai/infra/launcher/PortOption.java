package app.sabai.infra.launcher;

/**
 * Every port the local platform listens on: its option, its environment variable, its default and its
 * purpose. A port of 0 is one that is not opened.
 */
public enum PortOption {

    GATEWAY("--gateway-port", "SABAI_GATEWAY_PORT", 8080, "the gateway (the public API)"),
    BOOKING("--booking-port", "SABAI_BOOKING_PORT", 8081, "booking-service"),
    THERAPIST("--therapist-port", "SABAI_THERAPIST_PORT", 8082, "therapist-service"),
    NOTIFICATION("--notification-port", "SABAI_NOTIFICATION_PORT", 8083, "notification-service"),
    IDENTITY("--identity-port", "SABAI_IDENTITY_PORT", 9000, "the identity provider (OpenID Connect)"),
    KAFKA("--kafka-port", "SABAI_KAFKA_PORT", 9092, "the Kafka broker"),
    KAFKA_CONTROLLER("--kafka-controller-port", "SABAI_KAFKA_CONTROLLER_PORT", 9093, "the Kafka broker's KRaft controller"),
    MONGO("--mongo-port", "SABAI_MONGO_PORT", 27017, "the MongoDB-protocol store"),
    SMTP("--smtp-port", "SABAI_SMTP_PORT", 3025, "the development mailbox (SMTP)"),
    /** Off unless asked for: every message is saved as a file anyway, and one port fewer can clash. */
    IMAP("--imap-port", "SABAI_IMAP_PORT", 0, "the development mailbox (IMAP)");

    private final String option;
    private final String environmentVariable;
    private final int defaultPort;
    private final String purpose;

    PortOption(String option, String environmentVariable, int defaultPort, String purpose) {
        this.option = option;
        this.environmentVariable = environmentVariable;
        this.defaultPort = defaultPort;
        this.purpose = purpose;
    }

    public String option() {
        return option;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String purpose() {
        return purpose;
    }

    /** Whether 0 (do not open it) is an accepted value. */
    boolean optional() {
        return defaultPort == 0;
    }

    static PortOption forOption(String option) {
        for (PortOption port : values()) {
            if (port.option.equals(option)) {
                return port;
            }
        }
        return null;
    }
}
