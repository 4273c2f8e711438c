package app.sabai.identity.token.adapter;

import app.sabai.identity.IdentityProperties;
import app.sabai.identity.clients.SabaiClients;
import app.sabai.identity.users.adapter.SabaiUserDetailsService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Component;

/**
 * Demo mode's shortcut to an access token: a user name and password in, a token out, checked against the same
 * users as the login form and made by the authorization server's own token generator for client
 * {@value SabaiClients#CLI}, so it is exactly the token a signed-in browser user gets.
 */
@Component
@ConditionalOnBooleanProperty("sabai.identity.demo.enabled")
class DemoTokens {

    /** Not a grant the token endpoint accepts: it only names how these tokens came about. */
    static final AuthorizationGrantType DEMO_PASSWORD = new AuthorizationGrantType("urn:sabai:grant-type:demo-password");

    private record LocalServerContext(AuthorizationServerSettings settings) implements AuthorizationServerContext {

        @Override
        public String getIssuer() {
            return settings.getIssuer();
        }

        @Override
        public AuthorizationServerSettings getAuthorizationServerSettings() {
            return settings;
        }
    }

    private final DaoAuthenticationProvider authentication;
    private final OAuth2TokenGenerator<OAuth2Token> tokenGenerator;
    private final AuthorizationServerContext serverContext;
    private final RegisteredClient cli;

    DemoTokens(SabaiUserDetailsService users, PasswordEncoder passwordEncoder, OAuth2TokenGenerator<OAuth2Token> tokenGenerator,
               AuthorizationServerSettings settings, IdentityProperties properties) {
        this.authentication = new DaoAuthenticationProvider(users);
        this.authentication.setPasswordEncoder(passwordEncoder);
        this.tokenGenerator = tokenGenerator;
        this.serverContext = new LocalServerContext(settings);
        this.cli = RegisteredClient.withId(SabaiClients.CLI)
                .clientId(SabaiClients.CLI)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(DEMO_PASSWORD)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                .build();
    }

    /** @throws AuthenticationException when the user name or the password is wrong */
    Jwt issue(String username, String password) {
        Authentication user = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        OAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
                .registeredClient(cli)
                .principal(user)
                .authorizationServerContext(serverContext)
                .authorizedScopes(cli.getScopes())
                .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                .authorizationGrantType(DEMO_PASSWORD)
                .build();
        return (Jwt) tokenGenerator.generate(context);
    }
}
