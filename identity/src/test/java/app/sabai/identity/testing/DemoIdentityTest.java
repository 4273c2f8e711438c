package app.sabai.identity.testing;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Identity in demo mode on a random port, with its default issuer ({@value Issuer#DEFAULT}). Every test class
 * using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sabai.identity.demo.enabled=true")
public @interface DemoIdentityTest {
}
