package app.sabai.identity.users.adapter;

import app.sabai.identity.users.SabaiUser;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;

/** A signed-in user as Spring Security sees them, still carrying what their tokens say. */
public final class SabaiUserDetails implements UserDetails, CredentialsContainer {

    private final SabaiUser user;
    private String passwordHash;

    SabaiUserDetails(SabaiUser user, String passwordHash) {
        this.user = user;
        this.passwordHash = passwordHash;
    }

    public SabaiUser user() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
