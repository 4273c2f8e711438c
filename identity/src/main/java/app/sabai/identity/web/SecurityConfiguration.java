package app.sabai.identity.web;

import app.sabai.identity.IdentityProperties;
import app.sabai.identity.token.adapter.SabaiUserInfoMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;
import java.util.Set;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Two filter chains: the authorization server's endpoints (discovery, JWKS, authorize, token, userinfo,
 * logout), and everything else (the login form, health and metrics, demo mode's {@code /auth/token}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, SabaiUserInfoMapper userInfoMapper) {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(userInfoMapper)));
        });
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
        http.cors(withDefaults());
        // A browser that is not signed in yet is sent to the login form; API clients get a 401.
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint("/login"), browser));
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain applicationChain(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/auth/token",
                        "/error").permitAll()
                .anyRequest().authenticated());
        http.formLogin(withDefaults());
        // /auth/token is called by scripts with a password, never by a page that holds a session.
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/auth/token"));
        return http.build();
    }

    /**
     * Browser pages served by the gateway (the API documentation's sign-in) call the token endpoint and read the
     * keys and discovery document from the gateway's origin.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
        CorsConfiguration gateway = new CorsConfiguration();
        String origin = properties.gatewayUrl().getScheme() + "://" + properties.gatewayUrl().getRawAuthority();
        gateway.setAllowedOrigins(List.of(origin));
        gateway.setAllowedMethods(List.of("GET", "POST"));
        // Swagger UI marks its token request with X-Requested-With.
        gateway.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Requested-With"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/oauth2/token", gateway);
        source.registerCorsConfiguration("/oauth2/jwks", gateway);
        source.registerCorsConfiguration("/userinfo", gateway);
        source.registerCorsConfiguration("/.well-known/**", gateway);
        return source;
    }
}
