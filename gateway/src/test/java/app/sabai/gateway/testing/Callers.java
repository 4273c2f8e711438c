package app.sabai.gateway.testing;

/** The demo users' names, and their access tokens as an {@code Authorization} header value. */
public final class Callers {

    public static final String CUSTOMER = "customer";
    public static final String CUSTOMER2 = "customer2";
    public static final String STAFF_LIVERPOOL = "staff-liverpool";
    public static final String STAFF_BANGKOK = "staff-bangkok";
    public static final String OPS = "ops";
    public static final String ADMIN = "admin";

    private Callers() {
    }

    public static String bearer(String username) {
        return "Bearer " + TestIdentity.get().token(username);
    }
}
