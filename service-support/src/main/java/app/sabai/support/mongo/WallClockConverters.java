package app.sabai.support.mongo;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Zones, local dates and wall-clock times are stored as ISO text ({@code Europe/London},
 * {@code 2026-12-01}, {@code 09:30}), as a branch's staff would read them — never as a {@code Date},
 * which Spring Data would shift by the JVM's default zone.
 */
public final class WallClockConverters {

    private WallClockConverters() {
    }

    public static List<Converter<?, ?>> all() {
        return List.of(
                new ZoneIdToString(), new StringToZoneId(),
                new LocalDateToString(), new StringToLocalDate(),
                new LocalTimeToString(), new StringToLocalTime());
    }

    @WritingConverter
    static final class ZoneIdToString implements Converter<ZoneId, String> {
        @Override
        public String convert(ZoneId source) {
            return source.getId();
        }
    }

    @ReadingConverter
    static final class StringToZoneId implements Converter<String, ZoneId> {
        @Override
        public ZoneId convert(String source) {
            return ZoneId.of(source);
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
