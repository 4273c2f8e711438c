package app.sabai.gateway.telemetry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.log.LogMessage;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring writes its debug lines as {@link LogMessage}s, to be worded only when the level is on. Commons Logging's own
 * bridge to SLF4J words every one of them first (Spring Security's matchers write several per request); its bridge
 * to the Log4j API, which Spring Boot routes on to SLF4J, asks the level first. The gateway names that one.
 */
class LazyLogMessagesTest {

    @Test
    void aDebugLineIsNotWordedWhileDebugIsOff() {
        Log log = LogFactory.getLog("org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher");
        AtomicInteger worded = new AtomicInteger();

        log.debug(LogMessage.of(() -> "worded " + worded.incrementAndGet()));
        log.trace(LogMessage.format("worded %s", new Object() {
            @Override
            public String toString() {
                return "at " + worded.incrementAndGet();
            }
        }));

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(worded).as("debug and trace lines worded while off").hasValue(0);
        assertThat(LogFactory.getFactory().getClass().getSimpleName()).isEqualTo("Log4jApiLogFactory");
    }
}
