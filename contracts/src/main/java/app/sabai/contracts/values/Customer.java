package app.sabai.contracts.values;

/** Who the booking is for and how to reach them; {@code language} is a BCP 47 tag such as {@code en} or {@code th}. */
public record Customer(String name, String email, String phone, String language) {
}
