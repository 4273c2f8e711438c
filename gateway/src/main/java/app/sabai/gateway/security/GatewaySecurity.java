package app.sabai.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Set;

/**
 * Two filter chains, one per kind of caller, with the same rules for who may reach what. API clients send
 * {@code Authorization: Bearer} and are judged by that token alone (signature, issuer, audience {@code sabai}, expiry):
 * their chain keeps nothing between requests, so it never opens a web session (the in-memory store makes each new one on
 * two other threads) and never looks for a CSRF token or a saved request. Browsers sign in at the identity provider and
 * hold a session cookie, whose changes need the CSRF token. Which routes need what is the routes' own declaration
 * ({@link RouteAccessFilter}); these chains guard the gateway's own endpoints and answer every refusal.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    /**
     * Authentications and authorizations are observed, not each filter of the chain, as in the services: the gateway's
     * request observation spans the whole exchange. {@code sabai.security.observe-filter-chain=true} observes the filters.
     */
    @Bean
    SecurityObservationSettings gatewaySecurityObservations(@Value("${sabai.security.observe-filter-chain:false}") boolean filterChain) {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(filterChain).build();
    }

    /**
     * The bearer-token decoder remembers the tokens that checked out until they expire ({@link VerifiedTokens}): at most
     * {@code sabai.security.verified-tokens} of them (10,000 unless set; 0 verifies every request's token afresh).
     */
    @Bean
    static BeanPostProcessor gatewayVerifiedTokens(Environment environment, ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof ReactiveJwtDecoder decoder) || bean instanceof VerifiedTokens) {
                    return bean;
                }
                long kept = environment.getProperty("sabai.security.verified-tokens", Long.class, 10_000L);
                return kept > 0 ? VerifiedTokens.wrapping(decoder, kept, meters.getObject()) : decoder;
            }
        };
    }

    /** Requests that bring their own bearer token: nothing is kept between them, and a refusal is always a problem. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain gatewayBearerChain(ServerHttpSecurity http, SecurityProblems problems, IdentitySettings identity) {
        http.securityMatcher(exchange -> hasBearerToken(exchange.getRequest().getHeaders())
                        ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch())
                .authorizeExchange(GatewaySecurity::asDeclared)
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SabaiRoles.ofBearerTokens()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                // The token is no ambient credential a forged request could use.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .headers(headers -> securityHeaders(headers, identity));
        return http.build();
    }

    /** Browsers, and whatever else brings no bearer token. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, SecurityProblems problems, IdentitySettings identity,
                                                ReactiveClientRegistrationRepository registrations,
                                                ServerOAuth2AuthorizedClientRepository authorizedClients,
                                                @Value("${server.reactive.session.cookie.name:SESSION}") String sessionCookie) {
        http.authorizeExchange(GatewaySecurity::asDeclared)
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .authenticationFailureHandler((filterExchange, failure) -> Mono.error(new ResponseStatusException(
                                HttpStatus.UNAUTHORIZED, "Signing in at the identity provider did not succeed; start again."))))
                .logout(logout -> logout.logoutSuccessHandler(backToTheStartPage(registrations)))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(changesWithASession(sessionCookie))
                        .accessDeniedHandler(problems))
                .addFilterAfter(csrfCookieForSessions(sessionCookie), SecurityWebFiltersOrder.CSRF)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(apiOrSignIn(problems))
                        .accessDeniedHandler(problems))
                .headers(headers -> securityHeaders(headers, identity));
        return http.build();
    }

    /** Who may reach the gateway's own endpoints; routed requests are judged by their route's declared access. */
    private static void asDeclared(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                // The API explorer's pages: open, so no sign-in redirect; it signs in by itself, as sabai-docs.
                .pathMatchers(ApiExplorer.ENTRY, ApiExplorer.PAGES, ApiExplorer.CONFIG).permitAll()
                // Replaying a dead letter is the console's one change: administrators only.
                .pathMatchers(HttpMethod.POST, "/api/ops/dead-letters/**").hasRole(SabaiRoles.ADMIN)
                .pathMatchers("/api/ops/**").hasAnyRole(SabaiRoles.OPS, SabaiRoles.ADMIN)
                // The staff board's own endpoints; which branches a caller may follow is theirs to judge.
                .pathMatchers("/api/staff/me", "/api/branches/*/events").authenticated()
                .pathMatchers("/", "/staff", "/staff/**", "/ops", "/ops/**").authenticated()
                // Routed requests: RouteAccessFilter, by the route's declared access. No route: 404.
                .anyExchange().permitAll();
    }

    private static void securityHeaders(ServerHttpSecurity.HeaderSpec headers, IdentitySettings identity) {
        headers.writer(ContentSecurityPolicy.writer(identity.issuerOrigin()))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER));
    }

    /** An API call without a valid token is answered 401; a page sends the browser to sign in. */
    private static DelegatingServerAuthenticationEntryPoint apiOrSignIn(SecurityProblems problems) {
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(ServerWebExchangeMatchers.pathMatchers("/api/**", "/auth/**"), problems));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(BrowserSignIn.SIGN_IN_PATH));
        return entryPoint;
    }

    /** After signing out here, the browser signs out at the identity provider too, and comes back to the start page. */
    private static OidcClientInitiatedServerLogoutSuccessHandler backToTheStartPage(ReactiveClientRegistrationRepository registrations) {
        OidcClientInitiatedServerLogoutSuccessHandler handler = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        handler.setLogoutSuccessUrl(URI.create("/"));
        return handler;
    }

    /**
     * A request needs the CSRF token when it changes something and the browser sent the session cookie with it. A
     * request without a session has no ambient credential a forged request could use (nor has one that carries its own
     * bearer token, which the other chain takes).
     */
    private static ServerWebExchangeMatcher changesWithASession(String sessionCookie) {
        return exchange -> {
            boolean needsToken = !SAFE_METHODS.contains(exchange.getRequest().getMethod())
                    && exchange.getRequest().getCookies().containsKey(sessionCookie);
            return needsToken ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /** Makes the token's cookie ({@code XSRF-TOKEN}) exist for every browser with a session, so its pages can send it. */
    private static WebFilter csrfCookieForSessions(String sessionCookie) {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            if (token == null || !exchange.getRequest().getCookies().containsKey(sessionCookie)) {
                return chain.filter(exchange);
            }
            return token.then(Mono.defer(() -> chain.filter(exchange)));
        };
    }

    private static boolean hasBearerToken(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
