package app.sabai.identity.users.adapter;

import app.sabai.identity.users.SabaiUser;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The users kept in memory, with their password hashes. Empty when demo mode is off. */
public class SabaiUserDetailsService implements UserDetailsService {

    private record Entry(SabaiUser user, String passwordHash) {
    }

    private final Map<String, Entry> byUsername = new LinkedHashMap<>();

    void add(SabaiUser user, String passwordHash) {
        byUsername.put(user.username(), new Entry(user, passwordHash));
    }

    /** A fresh copy each time: signing in erases the credentials of the copy it was given. */
    @Override
    public SabaiUserDetails loadUserByUsername(String username) {
        Entry entry = byUsername.get(username);
        if (entry == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return new SabaiUserDetails(entry.user(), entry.passwordHash());
    }

    public Optional<SabaiUser> user(String username) {
        return Optional.ofNullable(byUsername.get(username)).map(Entry::user);
    }
}
