package app.sabai.support.it;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.support.web.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal service that uses what service-support gives every Sabai service. */
@SpringBootApplication
class SupportTestApplication {

    @Bean
    OutboxSource widgetsOutbox() {
        return new OutboxSource("widgets");
    }

    @Component
    static class ReceivedBookingEvents {

        final List<SabaiEvent> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "sabai.bookings", groupId = "support-test")
        void on(BookingEvent event) {
            received.add(event);
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

        @org.springframework.web.bind.annotation.GetMapping("/parcels")
        List<Integer> list(@org.springframework.web.bind.annotation.RequestParam int page, @org.springframework.web.bind.annotation.RequestParam(required = false) Kind kind) {
            return List.of(page);
        }
    }
}
