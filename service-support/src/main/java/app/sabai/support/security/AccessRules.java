package app.sabai.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's routes and who may call each ({@link Access}). Whatever a service does not declare is refused to
 * everyone, so a new endpoint is closed until someone decides who may use it.
 */
@FunctionalInterface
public interface AccessRules {

    void declare(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes);
}
