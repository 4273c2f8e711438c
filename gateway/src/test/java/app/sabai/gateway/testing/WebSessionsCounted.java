package app.sabai.gateway.testing;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/** The gateway's web sessions, kept where it keeps them, with a count of those it made: {@link #made()}. */
@TestConfiguration(proxyBeanMethods = false)
public class WebSessionsCounted {

    private static final AtomicLong MADE = new AtomicLong();

    /** How many web sessions the gateway has made, for any request, whether or not it kept them. */
    public static long made() {
        return MADE.get();
    }

    @Bean
    static BeanPostProcessor countedWebSessions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DefaultWebSessionManager manager) {
                    manager.setSessionStore(new Counted(manager.getSessionStore()));
                }
                return bean;
            }
        };
    }

    private record Counted(WebSessionStore kept) implements WebSessionStore {

        @Override
        public Mono<WebSession> createWebSession() {
            return kept.createWebSession().doOnSubscribe(subscribed -> MADE.incrementAndGet());
        }

        @Override
        public Mono<WebSession> retrieveSession(String sessionId) {
            return kept.retrieveSession(sessionId);
        }

        @Override
        public Mono<Void> removeSession(String sessionId) {
            return kept.removeSession(sessionId);
        }

        @Override
        public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
            return kept.updateLastAccessTime(webSession);
        }
    }
}
