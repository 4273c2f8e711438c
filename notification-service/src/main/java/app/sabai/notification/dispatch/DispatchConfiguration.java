package app.sabai.notification.dispatch;

import app.sabai.notification.booking.DeliveryPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DispatchProperties.class)
class DispatchConfiguration {

    @Bean
    DeliveryPolicy deliveryPolicy(DispatchProperties properties) {
        return new DeliveryPolicy(properties.maxAttempts(), properties.firstRetryDelay(), properties.lease());
    }
}
