package app.sabai.support.security;

/**
 * What a signed-in caller may be, from the access token's {@code roles} claim. A customer acts on what is theirs,
 * staff on their branches, operations read everything and change nothing, an administrator manages branches and
 * staff and may act anywhere.
 */
public enum Role {
    CUSTOMER,
    STAFF,
    OPS,
    ADMIN;

    /** The Spring Security authority the role becomes. */
    public String authority() {
        return "ROLE_" + name();
    }
}
