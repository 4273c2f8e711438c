package app.sabai.gateway.ops;

import app.sabai.contracts.json.SabaiJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

class ContactDetailsTest {

    private static final String VALUE = """
            {"bookingId":"b-1","customer":{"name":"Dao  Srisuk","email":"dao@example.com","phone":"+66 81 234 5678"},
             "sessions":[{"customer":{"name":"Emma","email":"e@x.org","phone":"0151 496 0000"}}],
             "recipient":"+447700900123","technique":"THAI"}""";

    @Test
    void operationsSeeCustomersContactDetailsMaskedWhereverTheySit() {
        JsonNode masked = ContactDetails.MASKED.applyTo(event(SabaiJson.mapper().readTree(VALUE))).value();

        assertThat(masked.at("/customer/name").asString()).isEqualTo("D. S.");
        assertThat(masked.at("/customer/email").asString()).isEqualTo("d***@example.com");
        assertThat(masked.at("/customer/phone").asString()).isEqualTo("+** ** *** *678");
        assertThat(masked.at("/sessions/0/customer/name").asString()).isEqualTo("E.");
        assertThat(masked.at("/sessions/0/customer/email").asString()).isEqualTo("e***@x.org");
        assertThat(masked.at("/sessions/0/customer/phone").asString()).isEqualTo("**** *** *000");
        assertThat(masked.at("/recipient").asString()).isEqualTo("+*********123");
        assertThat(masked.at("/technique").asString()).isEqualTo("THAI");
    }

    @Test
    void administratorsSeeThemInFullAndTheRecordItselfIsNeverChanged() {
        OpsEvent event = event(SabaiJson.mapper().readTree(VALUE));

        ContactDetails.MASKED.applyTo(event);

        assertThat(ContactDetails.FULL.applyTo(event)).isSameAs(event);
        assertThat(event.value().at("/customer/email").asString()).isEqualTo("dao@example.com");
    }

    @Test
    void aValueThatIsNotJsonIsLeftAsItIs() {
        OpsEvent event = event(StringNode.valueOf("not json {"));

        assertThat(ContactDetails.MASKED.applyTo(event)).isSameAs(event);
    }

    @Test
    void anAddressWithoutItsAtSignIsMaskedWhole() {
        assertThat(ContactDetails.email("not-an-address")).isEqualTo("***");
    }

    private static OpsEvent event(JsonNode value) {
        return new OpsEvent("sabai.bookings", 0, 1L, "liverpool", "sabai.bookings.BookingRequested.v1", "e-1", "b-1",
                "2026-12-01T10:00:00Z", null, null, value);
    }
}
