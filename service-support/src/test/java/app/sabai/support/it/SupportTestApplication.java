package app.sabai.support.it;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.staff.StaffEvent;
import app.sabai.support.kafka.EventHandler;
import app.sabai.support.kafka.EventView;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.support.security.Access;
import app.sabai.support.security.AccessRules;
import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;
import app.sabai.support.web.InvalidRequestException;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.bson.Document;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal service that uses what service-support gives every Sabai service. */
@SpringBootApplication
class SupportTestApplication {

    /** Orders and parcels for anyone signed in; a branch's things for those who act or read there; nothing else. */
    @Bean
    AccessRules supportRoutes() {
        return routes -> routes
                .requestMatchers(HttpMethod.GET, "/branches/{branchId}/things").access(Access.readsAt("branchId"))
                .requestMatchers(HttpMethod.POST, "/branches/{branchId}/things").access(Access.actsAt("branchId"))
                .requestMatchers(HttpMethod.GET, "/whoami").access(Access.anyOf(Role.CUSTOMER, Role.STAFF))
                .requestMatchers("/orders", "/parcels").access(Access.signedIn())
                .requestMatchers(HttpMethod.POST, "/widgets/{id}/completion").access(Access.signedIn());
    }

    @Bean
    OutboxSource widgetsOutbox() {
        return new OutboxSource("widgets");
    }

    /** Notification events applied a run at a time, as booking-service applies them; an event of branch "refused" cannot be applied. */
    @Component
    static class BatchedNotificationEvents implements EventHandler.Together<NotificationEvent> {

        final List<List<NotificationEvent>> applied = new CopyOnWriteArrayList<>();

        @Override
        public Class<NotificationEvent> events() {
            return NotificationEvent.class;
        }

        @Override
        public void handle(List<NotificationEvent> events) {
            if (events.stream().anyMatch(event -> "refused".equals(event.branchId()))) {
                throw new IllegalArgumentException("An event of branch 'refused' among " + events.size());
            }
            applied.add(events);
        }

        List<NotificationEvent> all() {
            return applied.stream().flatMap(List::stream).toList();
        }
    }

    /** Every booking event received, with the trace it was handled in, as the tracer and the log lines saw it. */
    @Component
    static class ReceivedBookingEvents implements EventHandler.OneAtATime<BookingEvent> {

        final List<SabaiEvent> received = new CopyOnWriteArrayList<>();
        final Map<UUID, String> traceIds = new ConcurrentHashMap<>();
        final Map<UUID, String> loggedTraceIds = new ConcurrentHashMap<>();
        private final Tracer tracer;

        ReceivedBookingEvents(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public Class<BookingEvent> events() {
            return BookingEvent.class;
        }

        @Override
        public void handle(BookingEvent event) {
            Span span = tracer.currentSpan();
            if (span != null) {
                traceIds.put(event.eventId(), span.context().traceId());
            }
            String logged = MDC.get("traceId");
            if (logged != null) {
                loggedTraceIds.put(event.eventId(), logged);
            }
            received.add(event);
        }
    }

    /** An in-memory view built from the booking events' first record at every start, as a catalogue is. */
    @Component
    static class ViewedBookings implements EventView<BookingEvent> {

        final List<BookingEvent> heard = new CopyOnWriteArrayList<>();

        @Override
        public Class<BookingEvent> events() {
            return BookingEvent.class;
        }

        @Override
        public From from() {
            return From.BEGINNING;
        }

        @Override
        public void heard(BookingEvent event) {
            heard.add(event);
        }
    }

    /** An in-memory view that follows the staff events from now on, as a cache of therapists does. */
    @Component
    static class ViewedStaff implements EventView<StaffEvent> {

        final List<StaffEvent> heard = new CopyOnWriteArrayList<>();
        final AtomicInteger following = new AtomicInteger();

        @Override
        public Class<StaffEvent> events() {
            return StaffEvent.class;
        }

        @Override
        public void heard(StaffEvent event) {
            heard.add(event);
        }

        @Override
        public void following() {
            following.incrementAndGet();
        }
    }

    /** Work started by a request whose event is published later, by the outbox relay. */
    @RestController
    static class WidgetController {

        private final MongoTemplate mongo;
        private final Outbox outbox;

        WidgetController(MongoTemplate mongo, Outbox outbox) {
            this.mongo = mongo;
            this.outbox = outbox;
        }

        @PostMapping("/widgets/{id}/completion")
        String complete(@PathVariable String id) {
            mongo.getCollection("widgets").insertOne(new Document("_id", id));
            BookingCompleted completed = new BookingCompleted(UUID.randomUUID(), Instant.now(), "booking-" + id, "liverpool", "t-9");
            Update done = new Update().set("state", "DONE");
            List<OutboxEntry> entries = outbox.append(done, List.of(completed));
            mongo.updateFirst(new Query(Criteria.where("_id").is(id)), done, "widgets");
            outbox.written("widgets", id, entries);
            return completed.eventId().toString();
        }
    }

    record Order(@NotBlank String name, @Email String email, @Min(1) int quantity, Kind kind) {
    }

    enum Kind { SMALL, LARGE }

    /** Every JSON type a request body uses, to check that each is bound strictly. */
    record Parcel(String label, Integer weightGrams, long count, Double price, Boolean fragile, Kind kind, List<String> tags,
                  List<Kind> kinds, Address address, java.time.Instant pickUpAt, java.time.LocalDate deliverOn,
                  java.time.ZoneId zone, java.time.LocalTime after) {
    }

    record Address(String street, Integer number) {
    }

    @RestController
    static class OrderController {

        @PostMapping("/orders")
        Order create(@Valid @RequestBody Order order) {
            if (order.quantity() > 10) {
                throw new InvalidRequestException("quantity", "must be at most 10 for a small shop");
            }
            return order;
        }

        @PostMapping("/parcels")
        Parcel create(@RequestBody Parcel parcel) {
            return parcel;
        }

        @GetMapping("/parcels")
        List<Integer> list(@RequestParam int page, @RequestParam(required = false) Kind kind) {
            return List.of(page);
        }
    }

    /** Routes for the access rules, one of them never declared. */
    @RestController
    static class ThingController {

        @GetMapping("/branches/{branchId}/things")
        List<String> things(@PathVariable String branchId) {
            return List.of(branchId + "-thing");
        }

        @PostMapping("/branches/{branchId}/things")
        String add(@PathVariable String branchId) {
            return "added at " + branchId;
        }

        @GetMapping("/whoami")
        Caller whoami(Caller caller) {
            return caller;
        }

        @GetMapping("/undeclared")
        String undeclared() {
            return "nobody should see this";
        }
    }
}
