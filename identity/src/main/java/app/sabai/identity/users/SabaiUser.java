package app.sabai.identity.users;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Someone who signs in, with what their tokens say about them.
 *
 * @param id       the token's {@code sub}: stable, never the user name
 * @param email    customers only; null otherwise
 * @param branches the branch ids a STAFF user acts on; empty for everyone else
 */
public record SabaiUser(String id, String username, String name, String email, List<Role> roles, List<String> branches)
        implements Serializable {

    public SabaiUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
        branches = List.copyOf(branches);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("user " + username + " has no role");
        }
        if (!branches.isEmpty() && !roles.contains(Role.STAFF)) {
            throw new IllegalArgumentException("user " + username + " has branches but is not STAFF");
        }
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
