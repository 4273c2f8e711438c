package app.sabai.notification.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts a {@link MovableClock} in place of the real clock (service-support's clock backs off when one exists). */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

    @Bean
    MovableClock movableClock() {
        return new MovableClock();
    }
}
