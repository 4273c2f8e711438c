package app.sabai.gateway.ops;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How customers' contact details in event values reach the operations stream: in full for administrators,
 * masked for everyone else. Masked are the {@code email}, {@code phone} and {@code name} of every {@code customer}
 * object, wherever it sits in the value, and a notification's {@code recipient}.
 */
public enum ContactDetails {

    FULL,
    MASKED;

    public OpsEvent applyTo(OpsEvent event) {
        if (this == FULL || event.value() == null || !event.value().isContainer()) {
            return event;
        }
        JsonNode value = event.value().deepCopy();
        mask(value);
        return new OpsEvent(event.topic(), event.partition(), event.offset(), event.key(), event.ceType(), event.ceId(),
                event.ceSubject(), event.ceTime(), event.traceparent(), event.error(), value);
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("customer") instanceof ObjectNode customer) {
                replace(customer, "email", ContactDetails::email);
                replace(customer, "phone", ContactDetails::phone);
                replace(customer, "name", ContactDetails::initials);
            }
            replace(object, "recipient", recipient -> recipient.contains("@") ? email(recipient) : phone(recipient));
            List<JsonNode> children = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                children.add(property.getValue());
            }
            children.forEach(ContactDetails::mask);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ContactDetails::mask);
        }
    }

    private static void replace(ObjectNode object, String field, UnaryOperator<String> masking) {
        JsonNode value = object.get(field);
        if (value != null && value.isString()) {
            object.put(field, masking.apply(value.asString()));
        }
    }

    /** {@code alice@example.com} → {@code a***@example.com}. */
    static String email(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** Every digit but the last three as {@code *}: {@code +44 7700 900123} → {@code +** **** ***123}. */
    static String phone(String phone) {
        int digits = (int) phone.chars().filter(Character::isDigit).count();
        StringBuilder masked = new StringBuilder(phone.length());
        int seen = 0;
        for (char c : phone.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                masked.append(seen > digits - 3 ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    /** {@code Dao Srisuk} → {@code D. S.}. */
    static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String part : name.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                initials.append(initials.isEmpty() ? "" : " ").appendCodePoint(part.codePointAt(0)).append('.');
            }
        }
        return initials.toString();
    }
}
