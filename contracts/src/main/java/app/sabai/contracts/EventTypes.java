package app.sabai.contracts;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps logical event types ({@code ce_type}) to records and back. Built from the sealed families of
 * {@link Topic}, so an event added to a family is known everywhere without registering it by hand.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends SabaiEvent>> BY_TYPE;
    private static final Map<Class<?>, String> BY_CLASS;

    static {
        Map<String, Class<? extends SabaiEvent>> byType = new LinkedHashMap<>();
        Map<Class<?>, String> byClass = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            Class<?>[] permitted = topic.family().getPermittedSubclasses();
            if (permitted == null) {
                throw new IllegalStateException(topic.family().getName() + " must be sealed");
            }
            Arrays.stream(permitted).forEach(type -> {
                EventType annotation = type.getAnnotation(EventType.class);
                if (annotation == null) {
                    throw new IllegalStateException(type.getName() + " has no @EventType");
                }
                @SuppressWarnings("unchecked")
                Class<? extends SabaiEvent> eventClass = (Class<? extends SabaiEvent>) type;
                if (byType.put(annotation.value(), eventClass) != null) {
                    throw new IllegalStateException("Duplicate event type " + annotation.value());
                }
                byClass.put(type, annotation.value());
            });
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private EventTypes() {
    }

    public static String typeOf(Class<? extends SabaiEvent> eventClass) {
        String type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("Not a registered event: " + eventClass.getName());
        }
        return type;
    }

    public static String typeOf(SabaiEvent event) {
        return typeOf(event.getClass());
    }

    /** Empty for a type this version does not know, such as a newer {@code v2} published beside {@code v1}. */
    public static Optional<Class<? extends SabaiEvent>> classOf(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    public static Map<String, Class<? extends SabaiEvent>> all() {
        return BY_TYPE;
    }
}
