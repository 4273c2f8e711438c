package app.sabai.booking;

import app.sabai.booking.intake.adapter.IntakeProperties;
import app.sabai.booking.lifecycle.adapter.BookingProperties;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.request.adapter.CrashPoint;
import app.sabai.booking.waitlist.adapter.WaitlistProperties;
import app.sabai.support.outbox.OutboxSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntakeProperties.class, BookingProperties.class, WaitlistProperties.class})
class BookingServiceConfiguration {

    /** Crashes are only ever simulated by tests, which provide their own. */
    @Bean
    CrashPoint crashPoint() {
        return CrashPoint.NONE;
    }

    @Bean
    OutboxSource bookingsOutbox() {
        return new OutboxSource(Bookings.COLLECTION);
    }
}
