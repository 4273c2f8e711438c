package app.sabai.booking;

import app.sabai.booking.intake.adapter.IntakeProperties;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.support.mongo.ZoneIdConverters;
import app.sabai.support.outbox.OutboxSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class BookingServiceConfiguration {

    @Bean
    OutboxSource bookingsOutbox() {
        return new OutboxSource(Bookings.COLLECTION);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Opening hours and dates are wall-clock values: stored as ISO text, never as a {@code Date}, which
     * Spring Data would shift by the JVM's default zone.
     */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        List<Converter<?, ?>> converters = new ArrayList<>(ZoneIdConverters.all());
        converters.add(new LocalTimeToString());
        converters.add(new StringToLocalTime());
        converters.add(new LocalDateToString());
        converters.add(new StringToLocalDate());
        return new MongoCustomConversions(converters);
    }

    @WritingConverter
    static final class LocalTimeToString implements Converter<LocalTime, String> {
        @Override
        public String convert(LocalTime source) {
            return source.toString();
        }
    }

    @ReadingConverter
    static final class StringToLocalTime implements Converter<String, LocalTime> {
        @Override
        public LocalTime convert(String source) {
            return LocalTime.parse(source);
        }
    }

    @WritingConverter
    static final class LocalDateToString implements Converter<LocalDate, String> {
        @Override
        public String convert(LocalDate source) {
            return source.toString();
        }
    }

    @ReadingConverter
    static final class StringToLocalDate implements Converter<String, LocalDate> {
        @Override
        public LocalDate convert(String source) {
            return LocalDate.parse(source);
        }
    }
}
