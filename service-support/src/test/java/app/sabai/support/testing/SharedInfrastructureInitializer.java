package app.sabai.support.testing;

import app.sabai.infra.testsupport.SharedInfrastructure;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/** Points a test's Spring context at the broker, store and token issuer shared by the whole test JVM. */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        TestIssuer issuer = TestIssuer.get();
        String database = context.getEnvironment().getProperty("spring.application.name", "test").replace("-service", "");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sabai-test-infrastructure", Map.of(
                "spring.kafka.bootstrap-servers", infrastructure.bootstrapServers(),
                "spring.mongodb.uri", infrastructure.mongoUri(database),
                "sabai.identity.issuer-uri", issuer.issuerUri(),
                "sabai.identity.jwk-set-uri", issuer.jwkSetUri())));
    }
}
