package app.sabai.identity.users;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The users of a local demo run ({@code sabai.identity.demo.enabled=true}); each one's password is their
 * user name. The README, the launcher's report and the tests take them from here.
 */
public final class DemoUsers {

    public static final SabaiUser CUSTOMER = new SabaiUser("c0ffee00-0000-4000-8000-000000000001", "customer",
            "Dao Srisuk", "customer@sabai.example", List.of(Role.CUSTOMER), List.of());
    public static final SabaiUser CUSTOMER2 = new SabaiUser("c0ffee00-0000-4000-8000-000000000002", "customer2",
            "Emma Clarke", "customer2@sabai.example", List.of(Role.CUSTOMER), List.of());
    public static final SabaiUser STAFF_LIVERPOOL = new SabaiUser("57aff000-0000-4000-8000-000000000001", "staff-liverpool",
            "Siobhan Kelly", null, List.of(Role.STAFF), List.of("liverpool", "merseyside-mobile"));
    public static final SabaiUser STAFF_BANGKOK = new SabaiUser("57aff000-0000-4000-8000-000000000002", "staff-bangkok",
            "Kanya Wongsakul", null, List.of(Role.STAFF), List.of("bangkok-sukhumvit"));
    public static final SabaiUser OPS = new SabaiUser("0b500000-0000-4000-8000-000000000001", "ops",
            "Priya Nair", null, List.of(Role.OPS), List.of());
    public static final SabaiUser ADMIN = new SabaiUser("ad000000-0000-4000-8000-000000000001", "admin",
            "Sam Taylor", null, List.of(Role.ADMIN), List.of());

    public static final List<SabaiUser> ALL = List.of(CUSTOMER, CUSTOMER2, STAFF_LIVERPOOL, STAFF_BANGKOK, OPS, ADMIN);

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private DemoUsers() {
    }

    /** A demo user's password: the user name. */
    public static String password(SabaiUser user) {
        return user.username();
    }

    /**
     * Why demo users must not be switched on for this issuer, if they must not: passwords everyone knows are
     * acceptable only where nobody but this machine can reach the provider, so the issuer must be a loopback
     * name or address.
     */
    public static Optional<String> refusal(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            return Optional.of("Demo users (sabai.identity.demo.enabled=true) are refused: no issuer is configured"
                    + " (spring.security.oauth2.authorizationserver.issuer), so nothing shows that the provider is local.");
        }
        String host;
        try {
            host = URI.create(issuer.trim()).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("Demo users (sabai.identity.demo.enabled=true) have passwords everyone knows and are only"
                + " for a local run, but the issuer " + issuer + " is not on this machine (its host must be localhost,"
                + " 127.0.0.1 or ::1).");
    }
}
