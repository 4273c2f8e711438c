package app.sabai.support.testing;

import app.sabai.contracts.SabaiEvent;
import app.sabai.support.kafka.EventHandler;

import java.util.List;
import java.util.function.Supplier;

/** An event handed to a handler as a record would hand it over, without a trace of its own: its work runs where it is called. */
public record Untraced<E extends SabaiEvent>(E event) implements EventHandler.Heard<E> {

    /** A poll's events, each handed over on its own. */
    public static <E extends SabaiEvent> List<EventHandler.Heard<E>> each(List<? extends E> events) {
        return events.stream().<EventHandler.Heard<E>>map(Untraced::new).toList();
    }

    @Override
    public <T> T inTrace(Supplier<T> work) {
        return work.get();
    }
}
