package app.sabai.support.mongo;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

import java.time.ZoneId;
import java.util.List;

/** Time zones are stored as their region id ({@code Europe/London}). */
public final class ZoneIdConverters {

    private ZoneIdConverters() {
    }

    public static List<Converter<?, ?>> all() {
        return List.of(new ZoneIdToString(), new StringToZoneId());
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
}
