package app.sabai.booking;

import app.sabai.booking.intake.adapter.IntakeProperties;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.support.outbox.OutboxSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class BookingServiceConfiguration {

    @Bean
    OutboxSource bookingsOutbox() {
        return new OutboxSource(Bookings.COLLECTION);
    }
}
