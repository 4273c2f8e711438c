package app.sabai.gateway.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import reactor.core.publisher.Mono;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The platform's roles ({@code CUSTOMER}, {@code STAFF}, {@code OPS}, {@code ADMIN}) as Spring Security authorities
 * ({@code ROLE_OPS}), read from the {@code roles} claim: of the access token an API client sends, and of the ID
 * token a browser's sign-in brought back.
 */
public final class SabaiRoles {

    public static final String OPS = "OPS";
    public static final String ADMIN = "ADMIN";

    static final String CLAIM = "roles";
    private static final String PREFIX = "ROLE_";

    private SabaiRoles() {
    }

    /** A bearer token's authentication: its subject as the name, its roles as authorities. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> ofBearerTokens() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(CLAIM);
        roles.setAuthorityPrefix(PREFIX);
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /** A browser's sign-in keeps what it was granted and adds the roles its ID token names. */
    static GrantedAuthoritiesMapper ofSignedInUsers() {
        return granted -> {
            Set<GrantedAuthority> mapped = new LinkedHashSet<>(granted);
            for (GrantedAuthority authority : granted) {
                if (authority instanceof OidcUserAuthority oidc) {
                    List<String> roles = oidc.getIdToken().getClaimAsStringList(CLAIM);
                    if (roles != null) {
                        roles.forEach(role -> mapped.add(new SimpleGrantedAuthority(PREFIX + role)));
                    }
                }
            }
            return mapped;
        };
    }

    /** The role names a caller holds, sorted; none for an anonymous caller. */
    public static Set<String> of(Authentication caller) {
        Set<String> roles = new TreeSet<>();
        if (caller == null) {
            return roles;
        }
        for (GrantedAuthority authority : caller.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(PREFIX)) {
                roles.add(name.substring(PREFIX.length()));
            }
        }
        return roles;
    }
}
