package app.sabai.gateway.security;

import app.sabai.gateway.GatewayApplication;
import app.sabai.gateway.lifecycle.StartRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configurations the gateway refuses to start with, and what it says about them. */
@ExtendWith(OutputCaptureExtension.class)
class StartGuardsTest {

    @Test
    void theLocalTokenRouteWithAnIssuerThatIsNotOnThisMachineRefusesToStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--sabai.demo.enabled=true", "--sabai.identity.local-token.enabled=true",
                "--sabai.identity.issuer-uri=https://id.sabai.example"))
                .rootCause()
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("https://id.sabai.example is not on this machine")
                .hasMessageContaining("sabai.identity.local-token.enabled=true");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Switch the local token route off");
    }

    @Test
    void outsideDemoModeTheGatewayNeedsItsClientSecret(CapturedOutput output) {
        assertThatThrownBy(() -> start("--sabai.demo.enabled=false", "--sabai.identity.client-secret="))
                .rootCause()
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("sabai.identity.client-secret");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("SABAI_IDENTITY_GATEWAY_SECRET");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.REACTIVE).run(all)) {
            throw new AssertionError("the gateway started with " + String.join(" ", args));
        }
    }
}
