package app.sabai.therapist;

import app.sabai.support.mongo.ZoneIdConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Local dates and wall-clock times are stored as ISO text ({@code 2026-12-01}, {@code 09:30}), as a
 * branch's staff would read them, rather than as instants in the server's default zone. Zones are
 * stored by region id as in every service.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    MongoCustomConversions mongoCustomConversions() {
        List<Converter<?, ?>> converters = new ArrayList<>(ZoneIdConverters.all());
        converters.addAll(List.of(new LocalDateToString(), new StringToLocalDate(), new LocalTimeToString(), new StringToLocalTime()));
        return new MongoCustomConversions(converters);
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
}
