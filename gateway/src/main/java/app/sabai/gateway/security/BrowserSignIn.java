package app.sabai.gateway.security;

import app.sabai.gateway.lifecycle.StartRefusedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

import java.util.Map;

/**
 * The gateway as the browser's front door: it signs people in at the identity provider with the authorization code
 * flow and PKCE, as the confidential client {@code sabai-gateway}, and keeps their tokens in the server-side session.
 * The browser holds only the session cookie.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSignIn {

    /** The registration's id, in the gateway's paths: {@code /oauth2/authorization/sabai}, {@code /login/oauth2/code/sabai}. */
    static final String REGISTRATION_ID = "sabai";
    static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(IdentitySettings identity,
                                                             @Value("${sabai.demo.enabled:false}") boolean demo) {
        ClientRegistration sabai = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Sabai")
                .clientId(identity.clientId())
                .clientSecret(secret(identity, demo))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)
                .issuerUri(identity.issuer())
                .authorizationUri(identity.authorizationUri().toString())
                .tokenUri(identity.tokenUri().toString())
                .jwkSetUri(identity.jwkSetUri().toString())
                .userInfoUri(identity.userInfoUri().toString())
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", identity.endSessionUri().toString()))
                .build();
        return new InMemoryReactiveClientRegistrationRepository(sabai);
    }

    /** Tokens live in the session, so they go when it goes rather than piling up per user. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    GrantedAuthoritiesMapper signedInRoles() {
        return SabaiRoles.ofSignedInUsers();
    }

    /** The configured secret; the local default only in demo mode, since a default secret is a public one. */
    private static String secret(IdentitySettings identity, boolean demo) {
        if (identity.clientSecret() != null && !identity.clientSecret().isBlank()) {
            return identity.clientSecret();
        }
        if (demo) {
            return IdentitySettings.LOCAL_CLIENT_SECRET;
        }
        throw new StartRefusedException("No client secret is configured for the gateway (sabai.identity.client-secret)."
                + " Outside demo mode the gateway needs the secret the identity provider holds for " + identity.clientId()
                + "; the local default is accepted only with sabai.demo.enabled=true.",
                "Set sabai.identity.client-secret (or the environment variable SABAI_IDENTITY_GATEWAY_SECRET).");
    }
}
