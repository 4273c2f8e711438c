package app.sabai.identity.clients.adapter;

import app.sabai.identity.IdentityProperties;
import app.sabai.identity.StartRefusedException;
import app.sabai.identity.clients.SabaiClients;
import app.sabai.identity.users.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** The registered clients, in memory, from {@code sabai.identity.*} with local defaults. */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

    @Bean
    RegisteredClientRepository registeredClientRepository(IdentityProperties properties, PasswordEncoder passwordEncoder) {
        String gatewayUrl = withoutTrailingSlash(properties.gatewayUrl().toString());
        boolean demo = properties.demo().enabled();
        String gatewaySecret = secret(properties.clients().gatewaySecret(), demo, SabaiClients.LOCAL_GATEWAY_SECRET,
                "sabai.identity.clients.gateway-secret", "SABAI_IDENTITY_GATEWAY_SECRET");
        String monitorSecret = secret(properties.clients().monitorSecret(), demo, SabaiClients.LOCAL_MONITOR_SECRET,
                "sabai.identity.clients.monitor-secret", "SABAI_IDENTITY_MONITOR_SECRET");
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .reuseRefreshTokens(false)
                .build();

        RegisteredClient gateway = RegisteredClient.withId(SabaiClients.GATEWAY)
                .clientId(SabaiClients.GATEWAY)
                .clientSecret(passwordEncoder.encode(gatewaySecret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(gatewayUrl + SabaiClients.GATEWAY_LOGIN_PATH)
                .postLogoutRedirectUri(gatewayUrl + SabaiClients.GATEWAY_LOGOUT_PATH)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build();
        RegisteredClient docs = RegisteredClient.withId(SabaiClients.DOCS)
                .clientId(SabaiClients.DOCS)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(gatewayUrl + SabaiClients.DOCS_REDIRECT_PATH)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build();
        RegisteredClient monitor = RegisteredClient.withId(SabaiClients.MONITOR)
                .clientId(SabaiClients.MONITOR)
                .clientSecret(passwordEncoder.encode(monitorSecret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .setting(SabaiClients.ROLES_SETTING, SabaiClients.MONITOR_ROLES.stream().map(Role::name).toList())
                        .build())
                .tokenSettings(tokens)
                .build();
        return new InMemoryRegisteredClientRepository(gateway, docs, monitor);
    }

    /** The configured secret; outside demo mode there is no default, since a default secret is a public one. */
    private static String secret(String configured, boolean demo, String localDefault, String property, String variable) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (demo) {
            return localDefault;
        }
        throw new StartRefusedException("No client secret is configured for " + property
                + ". Outside demo mode every confidential client needs its own secret; the local default is accepted"
                + " only with sabai.identity.demo.enabled=true.",
                "Set " + property + " (or the environment variable " + variable + ") to a secret of your own.");
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
