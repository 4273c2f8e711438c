package app.sabai.contracts.values;

/**
 * Who the booking is for and how to reach them; {@code language} is a BCP 47 tag such as {@code en} or
 * {@code th}. {@code sms} is true when the customer chose to get messages by SMS too (they need a phone);
 * null reads as false.
 */
public record Customer(String name, String email, String phone, String language, Boolean sms) {

    public Customer(String name, String email, String phone, String language) {
        this(name, email, phone, language, null);
    }

    public boolean wantsSms() {
        return Boolean.TRUE.equals(sms) && phone != null && !phone.isBlank();
    }
}
