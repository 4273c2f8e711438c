package app.sabai.support.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Every service is an OAuth2 resource server: a request is served only with an access token whose signature,
 * issuer, audience and expiry check out ({@code spring.security.oauth2.resourceserver.jwt.*}, the token's
 * {@code roles} becoming authorities), and only on a route the service declared ({@link AccessRules}). Health, the
 * Prometheus scrape (read by the metrics collector, never routed through the gateway) and the API documents are
 * open. Nothing is kept between requests: no session, no cookie, so no CSRF to guard.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SabaiSecurityAutoConfiguration {

    static final String VERIFIED_TOKENS = "sabai.security.verified-tokens";
    static final long DEFAULT_VERIFIED_TOKENS = 10_000;

    @Bean
    SecurityProblems securityProblems(JsonMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain sabaiSecurity(HttpSecurity http, ObjectProvider<AccessRules> rules, SecurityProblems problems) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(routes -> {
                    routes.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                    "/v3/api-docs", "/v3/api-docs/**", "/error")
                            .permitAll();
                    rules.orderedStream().forEach(declared -> declared.declare(routes));
                    routes.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * Spring Security observes authentications and authorizations, not each filter of the chain (the settings' own
     * defaults): the request is observed as a whole ({@code http.server.requests} and its span), and a span and timer
     * around each of a dozen filters of every request told nothing that one does not. {@code
     * sabai.security.observe-filter-chain=true} observes the filters again, to find a slow one.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings sabaiSecurityObservations(@Value("${sabai.security.observe-filter-chain:false}") boolean filterChain) {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(filterChain).build();
    }

    /**
     * The token decoder remembers the tokens that checked out until they expire ({@link VerifiedTokens}): at most
     * {@code sabai.security.verified-tokens} of them (10,000 unless set; 0 verifies every request's token afresh).
     */
    @Bean
    static BeanPostProcessor sabaiVerifiedTokens(Environment environment, ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof JwtDecoder decoder) || bean instanceof VerifiedTokens) {
                    return bean;
                }
                long kept = environment.getProperty(VERIFIED_TOKENS, Long.class, DEFAULT_VERIFIED_TOKENS);
                return kept > 0 ? VerifiedTokens.wrapping(decoder, kept, meters.getObject()) : decoder;
            }
        };
    }

    @Bean
    WebMvcConfigurer sabaiCallerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
