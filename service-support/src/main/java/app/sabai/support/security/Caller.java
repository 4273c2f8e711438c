package app.sabai.support.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the access token says: its subject (a customer's id for a customer), roles, the branches a
 * member of staff works for, and the name and email it carries. The questions a service asks of it are here, so
 * that every service answers them the same way.
 */
public record Caller(String subject, Set<Role> roles, Set<String> branches, String name, String email) {

    public static final String ROLES_CLAIM = "roles";
    public static final String BRANCHES_CLAIM = "branches";

    public Caller {
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        branches = branches == null ? Set.of() : Set.copyOf(branches);
    }

    /** The caller a validated token describes; roles it does not know are ignored. */
    public static Caller of(Jwt token) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : strings(token, ROLES_CLAIM)) {
            try {
                roles.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                // a role another system gives its users means nothing here
            }
        }
        return new Caller(token.getSubject(), roles, Set.copyOf(strings(token, BRANCHES_CLAIM)),
                token.getClaimAsString("name"), token.getClaimAsString("email"));
    }

    /** The caller of a request that carried a valid token; empty for an anonymous one. */
    public static Optional<Caller> of(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken token ? Optional.of(of(token.getToken())) : Optional.empty();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** A customer whose id is {@code customerId}. */
    public boolean isCustomer(String customerId) {
        return has(Role.CUSTOMER) && subject != null && subject.equals(customerId);
    }

    /** Whether the caller may change things at the branch: its staff, or an administrator. */
    public boolean actsAt(String branchId) {
        return has(Role.ADMIN) || has(Role.STAFF) && branchId != null && branches.contains(branchId);
    }

    /** Whether the caller may read what the branch's staff read: they, operations and administrators. */
    public boolean readsAt(String branchId) {
        return readsEverything() || actsAt(branchId);
    }

    /** Operations and administrators read every branch's and every customer's records. */
    public boolean readsEverything() {
        return has(Role.OPS) || has(Role.ADMIN);
    }

    private static List<String> strings(Jwt token, String claim) {
        Object value = token.getClaims().get(claim);
        if (value instanceof String single) {
            return List.of(single.split("[ ,]+"));
        }
        if (value instanceof java.util.Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
