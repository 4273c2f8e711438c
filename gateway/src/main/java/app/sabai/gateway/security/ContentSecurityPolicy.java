package app.sabai.gateway.security;

import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The {@code Content-Security-Policy} of every answer. Strict everywhere: the gateway's own origin only, no frames, no
 * plugins, forms only to the gateway and the issuer (signing out is a form whose answer redirects there). The API
 * explorer's pages get two exceptions and no more: Swagger UI sets inline styles and draws icons from {@code data:}
 * images, and it fetches its token from the issuer's token endpoint itself.
 */
final class ContentSecurityPolicy {

    private ContentSecurityPolicy() {
    }

    static ServerHttpHeadersWriter writer(String issuerOrigin) {
        ServerHttpHeadersWriter strict = policy(strict(issuerOrigin));
        ServerHttpHeadersWriter explorer = policy(apiExplorer(issuerOrigin));
        ServerWebExchangeMatcher explorerPages = ServerWebExchangeMatchers.pathMatchers(ApiExplorer.PAGES);
        return exchange -> explorerPages.matches(exchange)
                .flatMap(match -> (match.isMatch() ? explorer : strict).writeHttpHeaders(exchange));
    }

    static String strict(String issuerOrigin) {
        return "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self' " + issuerOrigin;
    }

    static String apiExplorer(String issuerOrigin) {
        return "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' " + issuerOrigin
                + "; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self' " + issuerOrigin;
    }

    private static ServerHttpHeadersWriter policy(String directives) {
        ContentSecurityPolicyServerHttpHeadersWriter writer = new ContentSecurityPolicyServerHttpHeadersWriter();
        writer.setPolicyDirectives(directives);
        return writer;
    }
}
