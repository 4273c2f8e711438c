package app.sabai.identity.clients;

import app.sabai.identity.users.Role;

import java.util.List;

/** The clients identity knows, and what the local run assumes about them. */
public final class SabaiClients {

    /** The gateway: signs browser users in (authorization code with PKCE) and keeps their tokens server-side. */
    public static final String GATEWAY = "sabai-gateway";
    /** The API documentation page: a public browser client (authorization code with PKCE, no secret). */
    public static final String DOCS = "sabai-docs";
    /** Monitoring: a machine client (client credentials) that reads like operations. */
    public static final String MONITOR = "sabai-monitor";
    /** Names the tokens of {@code POST /auth/token} in demo mode; not a client of the OAuth endpoints. */
    public static final String CLI = "sabai-cli";

    public static final List<Role> MONITOR_ROLES = List.of(Role.OPS);
    /** The client setting that holds a machine client's roles (their names), which its tokens carry. */
    public static final String ROLES_SETTING = "settings.client.sabai.roles";

    /** Secrets accepted only in demo mode, so that a local run needs no configuration. */
    public static final String LOCAL_GATEWAY_SECRET = "sabai-gateway-local-secret";
    public static final String LOCAL_MONITOR_SECRET = "sabai-monitor-local-secret";

    /** The gateway's paths the browser clients are sent back to. */
    public static final String GATEWAY_LOGIN_PATH = "/login/oauth2/code/sabai";
    public static final String GATEWAY_LOGOUT_PATH = "/";
    public static final String DOCS_REDIRECT_PATH = "/swagger-ui/oauth2-redirect.html";

    private SabaiClients() {
    }
}
