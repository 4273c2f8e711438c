package app.sabai.gateway.board;

import app.sabai.gateway.security.SabaiRoles;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who is asking, as the board needs to know: their roles, and the branches a staff member works at (the token's
 * {@code branches} claim: of the access token an API client sends, or of the ID token a browser's sign-in brought back).
 * Operations and administrators read every branch.
 */
record StaffCaller(String name, Set<String> roles, List<String> branches) {

    static final String BRANCHES = "branches";
    static final String NAME = "name";
    static final String STAFF = "STAFF";

    static StaffCaller of(Authentication caller) {
        return new StaffCaller(claim(caller, NAME) instanceof String name ? name : caller.getName(), SabaiRoles.of(caller),
                claim(caller, BRANCHES) instanceof Collection<?> branches ? branches.stream().map(String::valueOf).toList() : List.of());
    }

    boolean everyBranch() {
        return roles.contains(SabaiRoles.OPS) || roles.contains(SabaiRoles.ADMIN);
    }

    /** Whether the caller may follow this branch's day: its staff, operations and administrators. */
    boolean reads(String branchId) {
        return everyBranch() || roles.contains(STAFF) && branches.contains(branchId);
    }

    private static Object claim(Authentication caller, String name) {
        return switch (caller) {
            case AbstractOAuth2TokenAuthenticationToken<?> token -> token.getTokenAttributes().get(name);
            case OAuth2AuthenticationToken session -> session.getPrincipal().getAttributes().get(name);
            default -> null;
        };
    }
}
