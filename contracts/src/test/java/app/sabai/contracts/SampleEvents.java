package app.sabai.contracts;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Builds a fully populated instance of any event record, so every registered type can be round-tripped. */
final class SampleEvents {

    private SampleEvents() {
    }

    static SabaiEvent sample(Class<? extends SabaiEvent> type) {
        return (SabaiEvent) build(type);
    }

    private static Object build(Class<?> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                parameterTypes[i] = components[i].getType();
                values[i] = valueFor(components[i].getName(), components[i].getType(), components[i].getGenericType());
            }
            return type.getDeclaredConstructor(parameterTypes).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object valueFor(String name, Class<?> type, Type genericType) {
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == Instant.class) {
            return Instant.parse("2026-12-01T10:00:00Z");
        }
        if (type == ZoneId.class) {
            return ZoneId.of("Europe/London");
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 12, 25);
        }
        if (type == long.class || type == Long.class) {
            return 4500L;
        }
        if (type == double.class || type == Double.class) {
            return 53.4;
        }
        if (type == LocalTime.class) {
            return LocalTime.of(9, 30);
        }
        if (type == DayOfWeek.class) {
            return DayOfWeek.MONDAY;
        }
        if (type == String.class) {
            return name + "-value";
        }
        if (type == int.class || type == Integer.class) {
            return 60;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class) {
            Type element = ((ParameterizedType) genericType).getActualTypeArguments()[0];
            Class<?> elementClass = (Class<?>) element;
            return List.of(valueFor(name, elementClass, elementClass));
        }
        if (type.isRecord()) {
            return build(type);
        }
        throw new IllegalArgumentException("No sample for " + type);
    }
}
