package app.sabai.identity;

import app.sabai.identity.clients.SabaiClients;
import app.sabai.identity.testing.IdentityClient;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside demo mode: no demo users, no {@code /auth/token}, and the clients' secrets are the configured ones. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sabai.identity.demo.enabled=false",
        "sabai.identity.clients.gateway-secret=" + DemoModeOffIT.GATEWAY_SECRET,
        "sabai.identity.clients.monitor-secret=" + DemoModeOffIT.MONITOR_SECRET})
class DemoModeOffIT {

    static final String GATEWAY_SECRET = "a-gateway-secret-of-our-own";
    static final String MONITOR_SECRET = "a-monitor-secret-of-our-own";

    @LocalServerPort
    int port;

    @Test
    void theTokenShortcutDoesNotExist() {
        HttpResponse<String> answer = new IdentityClient(port).postForm("/auth/token", Map.of("username", "customer", "password", "customer"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("access_token");
    }

    @Test
    void demoUsersCannotSignIn() {
        IdentityClient browser = new IdentityClient(port);

        HttpResponse<String> answer = browser.signIn("customer", "customer");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(IdentityClient.location(answer)).endsWith("/login?error");
    }

    @Test
    void theMonitorUsesTheConfiguredSecretAndTheLocalDefaultIsRefused() {
        IdentityClient monitor = new IdentityClient(port);

        HttpResponse<String> configured = monitor.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Authorization", IdentityClient.basic(SabaiClients.MONITOR, MONITOR_SECRET));
        HttpResponse<String> localDefault = monitor.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Authorization", IdentityClient.basic(SabaiClients.MONITOR, SabaiClients.LOCAL_MONITOR_SECRET));

        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        assertThat(localDefault.statusCode()).isEqualTo(401);
    }
}
