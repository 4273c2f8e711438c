package app.sabai.booking.testing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Beans every integration test's context shares (found by component scanning of the test classes): the clock
 * tests move, and the crash point they arm. One context serves every {@code *IT}.
 */
@Configuration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Bean
    @Primary
    ArmedCrashPoint armedCrashPoint() {
        return new ArmedCrashPoint();
    }
}
