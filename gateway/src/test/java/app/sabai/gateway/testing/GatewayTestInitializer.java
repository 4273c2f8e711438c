package app.sabai.gateway.testing;

import app.sabai.infra.testsupport.SharedInfrastructure;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the gateway at the stub backends and at the test JVM's real Kafka broker. */
public class GatewayTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "sabai.services.booking-url=" + Backends.BOOKING.url(),
                "sabai.services.therapist-url=" + Backends.THERAPIST.url(),
                "sabai.services.notification-url=" + Backends.NOTIFICATION.url(),
                "spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().bootstrapServers(),
                "sabai.gateway.ops-events.heartbeat=2s"
        ).applyTo(context);
    }
}
