package app.sabai.notification.status;

import app.sabai.contracts.notifications.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientsTest {

    @ParameterizedTest
    @CsvSource({
            "EMAIL, ada.lovelace@example.com, a***@example.com",
            "EMAIL, a@example.co.uk,          a***@example.co.uk",
            "EMAIL, not-an-address,           ***",
            "SMS,   +447700900123,            +44*******123",
            "SMS,   +66 81 234 5678,          +66******678",
            "SMS,   0812345678,               08*****678",
            "SMS,   12345,                    *****"})
    void aRecipientIsMaskedEnoughToRecogniseButNotToCopy(Channel channel, String recipient, String masked) {
        assertThat(Recipients.mask(channel, recipient)).isEqualTo(masked);
    }
}
