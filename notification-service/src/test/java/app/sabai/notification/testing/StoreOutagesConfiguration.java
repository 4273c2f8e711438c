package app.sabai.notification.testing;

import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.support.outbox.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Puts {@link StoreOutages} in place of the service's {@link BookingNotificationsStore}, on the same database. */
@TestConfiguration(proxyBeanMethods = false)
public class StoreOutagesConfiguration {

    @Bean
    static BeanPostProcessor storeWithOutages(ObjectProvider<MongoTemplate> mongo, ObjectProvider<Outbox> outbox) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof BookingNotificationsStore && !(bean instanceof StoreOutages)
                        ? new StoreOutages(mongo.getObject(), outbox.getObject()) : bean;
            }
        };
    }
}
