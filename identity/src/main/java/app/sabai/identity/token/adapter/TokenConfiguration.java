package app.sabai.identity.token.adapter;

import app.sabai.identity.users.adapter.SabaiUserDetailsService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The one token generator: access and ID tokens are JWTs signed by the one {@link JwtEncoder} and shaped by
 * {@link SabaiTokenCustomizer}; refresh tokens are opaque. The authorization server picks this bean up, and
 * demo mode's {@code POST /auth/token} issues through it too.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    SabaiTokenCustomizer sabaiTokenCustomizer(SabaiUserDetailsService users) {
        return new SabaiTokenCustomizer(users);
    }

    @Bean
    OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder jwtEncoder, SabaiTokenCustomizer customizer) {
        JwtGenerator jwtGenerator = new JwtGenerator(jwtEncoder);
        jwtGenerator.setJwtCustomizer(customizer);
        return new DelegatingOAuth2TokenGenerator(jwtGenerator, new OAuth2RefreshTokenGenerator());
    }

    @Bean
    SabaiUserInfoMapper userInfoMapper(SabaiUserDetailsService users) {
        return new SabaiUserInfoMapper(users);
    }
}
