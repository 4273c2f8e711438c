package app.sabai.gateway.security;

/**
 * Where the gateway serves the API explorer (springdoc's Swagger UI, configured under {@code springdoc.*}). Its pages
 * are open to anyone; it signs in by itself, as the public client {@code sabai-docs}, and calls the API with the
 * bearer token it got.
 */
final class ApiExplorer {

    /** Redirects to the explorer's page. */
    static final String ENTRY = "/swagger-ui.html";
    /** The page, its scripts and styles, and {@code oauth2-redirect.html}, where the identity provider sends it back. */
    static final String PAGES = "/swagger-ui/**";
    /** Which documents the page lists and how it signs in. */
    static final String CONFIG = "/v3/api-docs/swagger-config";

    private ApiExplorer() {
    }
}
