package app.sabai.identity.token.adapter;

import app.sabai.identity.clients.SabaiClients;
import app.sabai.identity.token.SabaiClaims;
import app.sabai.identity.users.Role;
import app.sabai.identity.users.SabaiUser;
import app.sabai.identity.users.adapter.SabaiUserDetailsService;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;
import java.util.Map;

/**
 * Puts {@link SabaiClaims} into every access and ID token, whichever grant issued it: the authorization
 * server's endpoints and demo mode's {@code POST /auth/token} both sign through this one customizer.
 */
class SabaiTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final SabaiUserDetailsService users;

    SabaiTokenCustomizer(SabaiUserDetailsService users) {
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        Map<String, Object> claims = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                ? SabaiClaims.ofClient(client.getClientId(), roles(client))
                : SabaiClaims.of(user(context.getPrincipal().getName()));
        context.getClaims().claims(existing -> existing.putAll(claims));
        if (accessToken) {
            context.getClaims().audience(SabaiClaims.audience(client.getClientId()));
        }
    }

    private SabaiUser user(String username) {
        return users.user(username).orElseThrow(() -> new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The user is not known here any more.", null)));
    }

    private static List<Role> roles(RegisteredClient client) {
        List<String> names = client.getClientSettings().getSetting(SabaiClients.ROLES_SETTING);
        return names == null ? List.of() : names.stream().map(Role::valueOf).toList();
    }
}
