package app.sabai.support.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * Every service's OpenAPI document ({@code /v3/api-docs}) says how to call it: through the gateway (relative paths),
 * with an access token from the identity provider, either pasted ({@code bearer}) or by signing in with authorization
 * code and PKCE ({@code sabai}, the flow the gateway's API explorer uses).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class ApiDocsAutoConfiguration {

    public static final String BEARER = "bearer";
    public static final String SIGN_IN = "sabai";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI sabaiApiDocument(@Value("${spring.application.name}") String service,
                             @Value("${sabai.identity.issuer-uri}") String issuer) {
        return new OpenAPI()
                .info(new Info().title("Sabai " + service).version("v1")
                        .description("The " + service + " API, called through the gateway. Routes other than the catalogue and"
                                + " free times need an access token; refusals and client mistakes are application/problem+json."))
                .servers(List.of(new Server().url("/").description("the gateway")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("An access token from the identity provider (locally: POST /auth/token)"))
                        .addSecuritySchemes(SIGN_IN, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                                .description("Sign in with the identity provider (authorization code with PKCE)")
                                .flows(new OAuthFlows().authorizationCode(new OAuthFlow()
                                        .authorizationUrl(issuer + "/oauth2/authorize")
                                        .tokenUrl(issuer + "/oauth2/token")
                                        .scopes(new Scopes().addString("openid", "who you are").addString("profile", "your name")
                                                .addString("email", "your email address"))))))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(SIGN_IN, List.of("openid", "profile", "email")));
    }
}
