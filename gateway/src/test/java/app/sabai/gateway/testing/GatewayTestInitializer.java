package app.sabai.gateway.testing;

import app.sabai.infra.testsupport.SharedInfrastructure;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the gateway at the stub backends, the test JVM's real Kafka broker and the real identity provider, as a
 * demo run (the local client secret and {@code POST /auth/token}).
 */
public class GatewayTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // The shared context listens where identity sends browsers back; a context on a random port keeps its own.
        if (!"0".equals(context.getEnvironment().getProperty("server.port"))) {
            TestPropertyValues.of("server.port=" + TestIdentity.GATEWAY_PORT).applyTo(context);
        }
        TestPropertyValues.of(
                "sabai.services.booking-url=" + Backends.BOOKING.url(),
                "sabai.services.therapist-url=" + Backends.THERAPIST.url(),
                "sabai.services.notification-url=" + Backends.NOTIFICATION.url(),
                "spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().bootstrapServers(),
                "sabai.gateway.ops-events.heartbeat=2s",
                "sabai.identity.issuer-uri=" + TestIdentity.get().issuer(),
                "sabai.demo.enabled=true",
                "sabai.identity.local-token.enabled=true"
        ).applyTo(context);
    }
}
