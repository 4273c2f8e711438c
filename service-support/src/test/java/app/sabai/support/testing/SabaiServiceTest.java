package app.sabai.support.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service integration test: the whole service on a random port, against the real broker and store
 * shared by the test JVM (Testcontainers with Docker, embedded otherwise). Test classes that use it
 * without further context changes share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sabai.outbox.sweep-interval=500ms")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public @interface SabaiServiceTest {
}
