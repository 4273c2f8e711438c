package app.sabai.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configurations identity refuses to start with, and what it says about them. */
@ExtendWith(OutputCaptureExtension.class)
class StartGuardsIT {

    @Test
    void demoModeWithAnIssuerThatIsNotOnThisMachineRefusesToStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--sabai.identity.demo.enabled=true",
                "--spring.security.oauth2.authorizationserver.issuer=https://id.sabai.example"))
                .rootCause()
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("https://id.sabai.example is not on this machine")
                .hasMessageContaining("sabai.identity.demo.enabled=true");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Switch demo mode off");
    }

    @Test
    void withoutDemoModeEveryConfidentialClientNeedsItsSecret(CapturedOutput output) {
        assertThatThrownBy(() -> start("--sabai.identity.demo.enabled=false",
                "--sabai.identity.clients.monitor-secret=a-secret-of-our-own"))
                .rootCause()
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("sabai.identity.clients.gateway-secret");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("SABAI_IDENTITY_GATEWAY_SECRET");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(IdentityApplication.class).run(all)) {
            throw new AssertionError("identity started with " + String.join(" ", args));
        }
    }
}
