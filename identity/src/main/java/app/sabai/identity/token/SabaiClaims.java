package app.sabai.identity.token;

import app.sabai.identity.users.Role;
import app.sabai.identity.users.SabaiUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token contract every service and the gateway rely on: who the bearer is ({@code sub}, {@code name},
 * {@code email} for customers), what they may do ({@code roles}, {@code branches} for staff), and that the
 * token is meant for the platform ({@code "sabai"} in {@code aud}). Every way of issuing a token applies these
 * claims, and the userinfo answer is the same set.
 */
public final class SabaiClaims {

    /** The audience every access token carries besides its client id. */
    public static final String AUDIENCE = "sabai";

    public static final String SUBJECT = "sub";
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String ROLES = "roles";
    public static final String BRANCHES = "branches";

    private SabaiClaims() {
    }

    /** A user's claims: {@code sub} is their id, never their user name. */
    public static Map<String, Object> of(SabaiUser user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(SUBJECT, user.id());
        claims.put(NAME, user.name());
        if (user.has(Role.CUSTOMER) && user.email() != null) {
            claims.put(EMAIL, user.email());
        }
        claims.put(ROLES, names(user.roles()));
        if (user.has(Role.STAFF)) {
            claims.put(BRANCHES, user.branches());
        }
        return claims;
    }

    /** A machine client's claims: it is its own subject. */
    public static Map<String, Object> ofClient(String clientId, List<Role> roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(SUBJECT, clientId);
        claims.put(NAME, clientId);
        claims.put(ROLES, names(roles));
        return claims;
    }

    /** An access token's {@code aud}: the client it was issued to, and the platform. */
    public static List<String> audience(String clientId) {
        return List.of(clientId, AUDIENCE);
    }

    private static List<String> names(List<Role> roles) {
        return roles.stream().map(Role::name).toList();
    }
}
