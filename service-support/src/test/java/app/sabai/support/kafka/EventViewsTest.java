package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.staff.StaffEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;
import org.springframework.kafka.support.serializer.SerializationUtils;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class EventViewsTest {

    @Test
    void handsEachEventToTheViewsOfItsTopicOnly(CapturedOutput output) {
        View<BookingEvent> bookings = new View<>(BookingEvent.class, EventView.From.BEGINNING);
        View<BookingEvent> alsoBookings = new View<>(BookingEvent.class, EventView.From.BEGINNING);
        View<StaffEvent> staff = new View<>(StaffEvent.class, EventView.From.NOW);
        EventViews views = new EventViews(List.of(bookings, alsoBookings, staff));
        BookingCompleted completed = new BookingCompleted(UUID.randomUUID(), Instant.now(), "b-1", "liverpool", "t-1");

        BookingCompleted later = new BookingCompleted(UUID.randomUUID(), Instant.now(), "b-3", "liverpool", "t-1");
        ConsumerRecord<String, Object> unreadable = new ConsumerRecord<>("sabai.bookings", 0, 1, "b-2", null);
        unreadable.headers().add(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, new byte[0]);
        views.heard(List.of(new ConsumerRecord<>("sabai.bookings", 0, 0, "b-1", completed), unreadable,
                new ConsumerRecord<>("sabai.bookings", 0, 2, "b-3", later),
                new ConsumerRecord<>("sabai.bookings", 0, 3, "b-4", null))); // a tombstone

        assertThat(bookings.heard).containsExactly(completed, later);
        assertThat(alsoBookings.heard).containsExactly(completed, later);
        assertThat(staff.heard).isEmpty();
        assertThat(output.getAll().lines().filter(line -> line.contains("the views pass it over")))
                .as("the unreadable record named, the tombstone passed over quietly").singleElement()
                .satisfies(line -> assertThat(line).contains("sabai.bookings-0@1"));
        assertThat(views.endpoint("g-view-1").getTopics()).containsExactlyInAnyOrder("sabai.bookings", "sabai.staff");
        assertThat(views.endpoint("g-view-1").getBatchListener()).as("a poll's records together, none observed alone").isTrue();
    }

    @Test
    void aViewThatFailsOnAnEventFailsThePollFromThatRecordOn() {
        View<BookingEvent> failing = new View<>(BookingEvent.class, EventView.From.NOW) {
            @Override
            public void heard(BookingEvent event) {
                if (event instanceof BookingCompleted completed && completed.bookingId().equals("b-2")) {
                    throw new IllegalStateException("cannot apply " + completed.bookingId());
                }
                super.heard(event);
            }
        };
        EventViews views = new EventViews(List.of(failing));
        ConsumerRecord<?, ?> second = new ConsumerRecord<>("sabai.bookings", 0, 1, "b-2",
                new BookingCompleted(UUID.randomUUID(), Instant.now(), "b-2", "liverpool", "t-1"));

        assertThatThrownBy(() -> views.heard(List.of(
                new ConsumerRecord<>("sabai.bookings", 0, 0, "b-1", new BookingCompleted(UUID.randomUUID(), Instant.now(), "b-1", "liverpool", "t-1")),
                second,
                new ConsumerRecord<>("sabai.bookings", 0, 2, "b-3", new BookingCompleted(UUID.randomUUID(), Instant.now(), "b-3", "liverpool", "t-1")))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> assertThat(failed.getRecord()).isSameAs(second))
                .hasMessageContaining("cannot apply b-2");
        assertThat(failing.heard).extracting(event -> ((BookingCompleted) event).bookingId()).containsExactly("b-1");
    }

    @Test
    void theViewsConsumerReadsFromNowOnAndHeartbeatsOnlyToKeepItsSession() {
        EventViews views = new EventViews(List.of(new View<>(BookingEvent.class, EventView.From.NOW)));

        assertThat(views.endpoint("g-view-1").getConsumerProperties())
                .containsEntry("auto.offset.reset", "latest")
                .containsEntry("heartbeat.interval.ms", "15000");
    }

    @Test
    void seeksToTheBeginningOnlyTheTopicsWhoseViewsAreBuiltFromThemAndTellsEveryViewItFollowsAgain() {
        View<BookingEvent> bookings = new View<>(BookingEvent.class, EventView.From.BEGINNING);
        View<StaffEvent> staff = new View<>(StaffEvent.class, EventView.From.NOW);
        EventViews views = new EventViews(List.of(bookings, staff));
        List<Collection<TopicPartition>> soughtToBeginning = new ArrayList<>();
        ConsumerSeekCallback callback = (ConsumerSeekCallback) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ConsumerSeekCallback.class}, (proxy, method, args) -> {
                    assertThat(method.getName()).isEqualTo("seekToBeginning");
                    @SuppressWarnings("unchecked")
                    Collection<TopicPartition> partitions = (Collection<TopicPartition>) args[0];
                    soughtToBeginning.add(partitions);
                    return null;
                });

        views.onPartitionsAssigned(Map.of(new TopicPartition("sabai.bookings", 0), 5L, new TopicPartition("sabai.bookings", 1), 0L,
                new TopicPartition("sabai.staff", 0), 7L), callback);

        assertThat(soughtToBeginning).singleElement().satisfies(partitions -> assertThat(partitions)
                .containsExactlyInAnyOrder(new TopicPartition("sabai.bookings", 0), new TopicPartition("sabai.bookings", 1)));
        assertThat(bookings.following).isEqualTo(1);
        assertThat(staff.following).isEqualTo(1);
    }

    @Test
    void refusesViewsOfOneTopicThatWouldReadItFromDifferentPlaces() {
        assertThatThrownBy(() -> new EventViews(List.of(new View<>(BookingEvent.class, EventView.From.BEGINNING),
                new View<>(BookingEvent.class, EventView.From.NOW))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sabai.bookings");
    }

    private static class View<E extends SabaiEvent> implements EventView<E> {

        final List<E> heard = new ArrayList<>();
        final Class<E> events;
        final From from;
        int following;

        View(Class<E> events, From from) {
            this.events = events;
            this.from = from;
        }

        @Override
        public Class<E> events() {
            return events;
        }

        @Override
        public From from() {
            return from;
        }

        @Override
        public void heard(E event) {
            heard.add(event);
        }

        @Override
        public void following() {
            following++;
        }
    }
}
