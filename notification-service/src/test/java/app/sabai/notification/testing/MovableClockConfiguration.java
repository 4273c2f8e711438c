package app.sabai.notification.testing;

import app.sabai.notification.dispatch.Dispatcher;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts a {@link MovableClock} in place of the real clock (service-support's clock backs off when one exists). When a
 * test moves it, the dispatcher looks for due messages as its periodic safety net would have in the time skipped.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

    @Bean
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Bean
    SmartInitializingSingleton dispatcherLooksWhenTheClockMoves(MovableClock clock, Dispatcher dispatcher) {
        return () -> clock.whenMoved(() -> {
            if (dispatcher.isRunning()) {
                dispatcher.sweep();
            }
        });
    }
}
