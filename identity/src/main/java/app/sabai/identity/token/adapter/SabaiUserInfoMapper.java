package app.sabai.identity.token.adapter;

import app.sabai.identity.token.SabaiClaims;
import app.sabai.identity.users.adapter.SabaiUserDetailsService;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

import java.util.function.Function;

/** The userinfo answer: the same claims the signed-in user's tokens carry. */
public class SabaiUserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

    private final SabaiUserDetailsService users;

    SabaiUserInfoMapper(SabaiUserDetailsService users) {
        this.users = users;
    }

    @Override
    public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
        return users.user(context.getAuthorization().getPrincipalName())
                .map(user -> new OidcUserInfo(SabaiClaims.of(user)))
                .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN));
    }
}
