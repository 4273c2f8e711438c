package app.sabai.notification.testing;

import app.sabai.notification.channel.DeliveryChannels;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts {@link HeldDeliveries} in place of the service's {@link DeliveryChannels}, around them. */
@TestConfiguration(proxyBeanMethods = false)
public class HeldDeliveriesConfiguration {

    @Bean
    static BeanPostProcessor deliveriesThatCanBeHeld() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DeliveryChannels channels && !(bean instanceof HeldDeliveries) ? new HeldDeliveries(channels) : bean;
            }
        };
    }
}
