package app.sabai.support.kafka;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationFailed;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventHandlersTest {

    private final Bookings bookings = new Bookings();
    private final Notifications notifications = new Notifications();
    private final EventHandlers handlers = new EventHandlers(List.of(bookings, notifications), "g", ObservationRegistry.NOOP);
    private long offset;

    @Test
    void runsAreAppliedTogetherAndEachOneAtATimeEventAloneInThePollsOrder() {
        ConsumerRecord<Object, Object> first = notification("n-1");
        ConsumerRecord<Object, Object> second = notification("n-2");
        ConsumerRecord<Object, Object> booking = booking("b-1");
        ConsumerRecord<Object, Object> third = notification("n-3");

        handlers.heard(List.of(first, second, booking, third));

        assertThat(notifications.calls).containsExactly(List.of(first.value(), second.value()), List.of(third.value()));
        assertThat(bookings.handled).containsExactly(booking.value());
        assertThat(handlers.endpoint().getTopics()).containsExactlyInAnyOrder("sabai.bookings", "sabai.notifications");
        assertThat(handlers.endpoint().getBatchListener()).isTrue();
    }

    @Test
    void aOneAtATimeEventThatFailsIsTheBatchsFailedRecordOnceWhatCameBeforeIsApplied() {
        ConsumerRecord<Object, Object> before = notification("n-1");
        ConsumerRecord<Object, Object> failing = booking("fails");
        ConsumerRecord<Object, Object> after = notification("n-2");

        assertThatThrownBy(() -> handlers.heard(List.of(before, failing, after)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(failing))
                .hasRootCauseMessage("booking fails cannot be handled");
        assertThat(notifications.calls).containsExactly(List.of(before.value()));
    }

    @Test
    void aRunThatFailsIsAppliedOneAtATimeAndItsFailingEventIsTheFailedRecord() {
        ConsumerRecord<Object, Object> before = notification("n-1");
        ConsumerRecord<Object, Object> failing = notification("fails");
        ConsumerRecord<Object, Object> after = notification("n-2");

        assertThatThrownBy(() -> handlers.heard(List.of(before, failing, after)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(failing));
        assertThat(notifications.calls).containsExactly(List.of(before.value()));
    }

    @Test
    void aRecordThatIsNotAnEventOfItsTopicsFamilyIsPoisonAfterWhatCameBeforeIsApplied() {
        ConsumerRecord<Object, Object> before = notification("n-1");
        ConsumerRecord<Object, Object> unreadable = new ConsumerRecord<>("sabai.bookings", 0, offset++, "b-x", "{not json");

        assertThatThrownBy(() -> handlers.heard(List.of(before, unreadable)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(unreadable))
                .hasCauseInstanceOf(PoisonRecordException.class);
        assertThat(notifications.calls).containsExactly(List.of(before.value()));
        assertThat(bookings.handled).isEmpty();
    }

    @Test
    void aRunInTracesIsHandedOverTogetherAndEachEventsWorkIsObservedInItsRecordsObservation() {
        ObservationRegistry observations = ObservationRegistry.create();
        List<Object> started = new ArrayList<>();
        List<Object> stopped = new ArrayList<>();
        observations.observationConfig().observationHandler(new ObservationHandler<KafkaRecordReceiverContext>() {
            @Override
            public void onStart(KafkaRecordReceiverContext context) {
                started.add(context.getCarrier());
            }

            @Override
            public void onStop(KafkaRecordReceiverContext context) {
                stopped.add(context.getCarrier());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof KafkaRecordReceiverContext;
            }
        });
        Assignments assignments = new Assignments(observations);
        EventHandlers traced = new EventHandlers(List.of(bookings, assignments), "g", observations);
        ConsumerRecord<Object, Object> first = assignment("b-1");
        ConsumerRecord<Object, Object> second = assignment("b-2");
        ConsumerRecord<Object, Object> booking = booking("b-3");
        ConsumerRecord<Object, Object> third = assignment("b-4");

        traced.heard(List.of(first, second, booking, third));

        assertThat(assignments.calls).containsExactly(List.of(first.value(), second.value()), List.of(third.value()));
        assertThat(assignments.observedIn).as("each event's two pieces of work in its record's observation")
                .containsExactly(first, second, first, second, third, third);
        assertThat(started).as("one observation per record").containsExactly(first, second, booking, third);
        assertThat(stopped).containsExactlyInAnyOrder(first, second, booking, third);
        assertThat(observations.getCurrentObservation()).isNull();
    }

    @Test
    void aRunInTracesThatFailsIsHandedOverOneAtATimeAndItsFailingEventIsTheFailedRecord() {
        Assignments assignments = new Assignments(ObservationRegistry.NOOP);
        EventHandlers traced = new EventHandlers(List.of(assignments), "g", ObservationRegistry.NOOP);
        ConsumerRecord<Object, Object> before = assignment("b-1");
        ConsumerRecord<Object, Object> failing = assignment("fails");
        ConsumerRecord<Object, Object> after = assignment("b-2");

        assertThatThrownBy(() -> traced.heard(List.of(before, failing, after)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(failing))
                .hasRootCauseMessage("assignment of booking fails cannot be applied");
        assertThat(assignments.calls).containsExactly(List.of(before.value()));
    }

    @Test
    void twoHandlersOfOneTopicAreRefused() {
        assertThatThrownBy(() -> new EventHandlers(List.of(bookings, new Bookings()), "g", ObservationRegistry.NOOP))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Two handlers of sabai.bookings");
    }

    private ConsumerRecord<Object, Object> booking(String bookingId) {
        return new ConsumerRecord<>("sabai.bookings", 0, offset++, bookingId,
                new BookingCompleted(UUID.randomUUID(), Instant.now(), bookingId, "liverpool", "t-1"));
    }

    private ConsumerRecord<Object, Object> notification(String bookingId) {
        return new ConsumerRecord<>("sabai.notifications", 0, offset++, bookingId,
                new NotificationFailed(UUID.randomUUID(), Instant.now(), bookingId, "liverpool", bookingId + ":confirmation",
                        MessageKind.CONFIRMATION, null, Channel.EMAIL, "the mail server refused"));
    }

    private ConsumerRecord<Object, Object> assignment(String bookingId) {
        Instant start = Instant.parse("2026-12-08T10:00:00Z");
        return new ConsumerRecord<>("sabai.assignments", 0, offset++, bookingId,
                new SlotReleased(UUID.randomUUID(), Instant.now(), bookingId, "liverpool", "t-1", start, start.plusSeconds(3600),
                        "CANCELLED", null, null));
    }

    private static final class Bookings implements EventHandler.OneAtATime<BookingEvent> {

        final List<Object> handled = new ArrayList<>();

        @Override
        public Class<BookingEvent> events() {
            return BookingEvent.class;
        }

        @Override
        public void handle(BookingEvent event) {
            if (event instanceof BookingCompleted completed && completed.bookingId().equals("fails")) {
                throw new IllegalStateException("booking fails cannot be handled");
            }
            handled.add(event);
        }
    }

    private static final class Notifications implements EventHandler.Together<NotificationEvent> {

        final List<List<Object>> calls = new ArrayList<>();

        @Override
        public Class<NotificationEvent> events() {
            return NotificationEvent.class;
        }

        @Override
        public void handle(List<NotificationEvent> events) {
            if (events.stream().anyMatch(event -> event.bookingId().equals("fails"))) {
                throw new IllegalStateException("notification of booking fails cannot be applied");
            }
            calls.add(new ArrayList<>(events));
        }
    }

    private static final class Assignments implements EventHandler.TogetherInTraces<AssignmentEvent> {

        final List<List<Object>> calls = new ArrayList<>();
        final List<Object> observedIn = new ArrayList<>();
        private final ObservationRegistry observations;

        Assignments(ObservationRegistry observations) {
            this.observations = observations;
        }

        @Override
        public Class<AssignmentEvent> events() {
            return AssignmentEvent.class;
        }

        @Override
        public void handle(List<Heard<AssignmentEvent>> events) {
            if (events.stream().anyMatch(heard -> ((SlotReleased) heard.event()).bookingId().equals("fails"))) {
                throw new IllegalStateException("assignment of booking fails cannot be applied");
            }
            calls.add(events.stream().<Object>map(Heard::event).toList());
            // Two pieces of work per event, as a handler that decides each, writes them together, then follows up on each.
            for (int piece = 0; piece < 2; piece++) {
                for (Heard<AssignmentEvent> heard : events) {
                    heard.inTrace(() -> {
                        Observation current = observations.getCurrentObservation();
                        if (current != null && current.getContext() instanceof KafkaRecordReceiverContext context) {
                            observedIn.add(context.getCarrier());
                        }
                    });
                }
            }
        }
    }
}
