package app.sabai.support.testing;

import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;

import java.util.Set;
import java.util.UUID;

/** Callers for tests, as the identity provider would describe them. */
public final class TestCallers {

    private TestCallers() {
    }

    public static Caller admin() {
        return new Caller("admin", Set.of(Role.ADMIN), Set.of(), "Head Office", null);
    }

    public static Caller ops() {
        return new Caller("ops", Set.of(Role.OPS), Set.of(), "Operations", null);
    }

    public static Caller staff(String... branchIds) {
        return new Caller("staff-" + String.join("-", branchIds), Set.of(Role.STAFF), Set.of(branchIds), "Front Desk", null);
    }

    public static Caller customer(String customerId, String email) {
        return new Caller(customerId, Set.of(Role.CUSTOMER), Set.of(), "A Customer", email);
    }

    /** A customer with a new id. */
    public static Caller customer() {
        String id = UUID.randomUUID().toString();
        return customer(id, "customer-" + id + "@example.com");
    }

    public static Caller nobody() {
        return new Caller("someone", Set.of(), Set.of(), null, null);
    }
}
