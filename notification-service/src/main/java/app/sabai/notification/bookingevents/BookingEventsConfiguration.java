package app.sabai.notification.bookingevents;

import app.sabai.notification.booking.ReminderPlanner;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.support.outbox.OutboxSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReminderProperties.class)
class BookingEventsConfiguration {

    @Bean
    ReminderPlanner reminderPlanner(ReminderProperties properties) {
        return ReminderPlanner.of(properties.leadTimes());
    }

    @Bean
    OutboxSource bookingNotificationsOutbox() {
        return new OutboxSource(BookingNotificationsStore.COLLECTION);
    }
}
