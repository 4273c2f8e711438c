package app.sabai.notification.channel.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    void theMessageIdComesFromTheMessageAloneAndIsAValidRfc5322Id() {
        String id = MessageIds.of("booking-7f3a:PT2H#2", "notifications.sabai.app");

        assertThat(id).isEqualTo("<booking-7f3a%3APT2H%232@notifications.sabai.app>")
                .isEqualTo(MessageIds.of("booking-7f3a:PT2H#2", "notifications.sabai.app"))
                .matches("<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9.-]+>");
    }

    @Test
    void distinctMessagesHaveDistinctIds() {
        assertThat(MessageIds.of("b:confirmation", "d")).isNotEqualTo(MessageIds.of("b:confirmation:sms", "d"))
                .isNotEqualTo(MessageIds.of("b%3Aconfirmation", "d"));
        assertThat(MessageIds.of("บ:1", "d")).isEqualTo("<%E0%B8%9A%3A1@d>");
    }
}
