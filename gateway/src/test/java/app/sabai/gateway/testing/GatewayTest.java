package app.sabai.gateway.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The gateway on {@link TestIdentity#GATEWAY_PORT} in front of stub backends, with the test JVM's real Kafka broker
 * and the real identity provider. Every test class using it shares one application context. Identity's servlet
 * stack is on the test class path too, so the gateway is told it is a reactive application. Rate limits are high
 * enough never to get in the way; {@code RateLimitsTest} has a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"spring.main.web-application-type=reactive",
                "sabai.gateway.rate-limit.capacity=100000", "sabai.gateway.rate-limit.refill-per-second=100000",
                "sabai.gateway.rate-limit.token-endpoint.capacity=100000"})
// Answers normally take milliseconds; a loaded 2-core machine can stall one for seconds, which is no failure here.
@AutoConfigureWebTestClient(timeout = "30s")
@ContextConfiguration(initializers = GatewayTestInitializer.class)
@Import({TestRoutes.class, WebSessionsCounted.class})
public @interface GatewayTest {
}
