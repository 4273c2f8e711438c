package app.sabai.support.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A body the JSON binder refused, in the API's words: the field as a JSON path ({@code customer.email},
 * {@code bodyAreas[1]}, {@code body} for the document itself) and what its value must be ("must be text",
 * "must be one of LIGHT, MEDIUM, FIRM", "must be a whole number"). The parser's own words (Java types, tokens,
 * class names) never reach the client.
 */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"([^\"]*)\"");
    private static final Pattern OUT_OF_RANGE = Pattern.compile("out of range of `?(int|long|short|byte)`?");

    private JsonProblems() {
    }

    public static FieldProblem of(JacksonException e) {
        String field = path(e.getPath());
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();

        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return new FieldProblem(join(field, duplicate.group(1)), "appears more than once");
        }
        if (e instanceof InputCoercionException) {
            Matcher range = OUT_OF_RANGE.matcher(message);
            String limit = range.find() ? switch (range.group(1)) {
                case "int" -> " between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
                case "short" -> " between " + Short.MIN_VALUE + " and " + Short.MAX_VALUE;
                case "byte" -> " between " + Byte.MIN_VALUE + " and " + Byte.MAX_VALUE;
                default -> " between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
            } : "";
            return new FieldProblem(orBody(field), "is out of range: must be a whole number" + limit);
        }
        if (e instanceof MismatchedInputException mismatched) {
            if (message.startsWith("Trailing token")) {
                return new FieldProblem("body", "must be one JSON document with nothing after it");
            }
            if (message.startsWith("No content to map")) {
                return new FieldProblem("body", "is required: a JSON document");
            }
            Class<?> target = mismatched.getTargetType();
            if (target != null && message.startsWith("Cannot map `null`")) {
                return new FieldProblem(orBody(field), "is required: " + expected(target));
            }
            if (target != null) {
                return new FieldProblem(orBody(field), "must be " + (field.isEmpty() && isObject(target)
                        ? "a JSON object" : expected(target)));
            }
            return new FieldProblem(orBody(field), "has a value of the wrong kind");
        }
        if (e instanceof StreamReadException) {
            return new FieldProblem("body", "is not valid JSON" + where(e.getLocation()));
        }
        return new FieldProblem(orBody(field), "has an invalid value");
    }

    /** What a JSON value of this type looks like, in the API's words. */
    public static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class || type == Byte.class || type == byte.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO-8601 date-time with offset, such as 2026-12-01T10:00:00Z";
        }
        if (type == LocalDateTime.class) {
            return "an ISO-8601 local date-time, such as 2026-12-01T10:00";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date, such as 2026-12-01";
        }
        if (type == LocalTime.class) {
            return "a time of day, such as 10:00";
        }
        if (type == ZoneId.class) {
            return "a time zone, such as Europe/London";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration, such as PT2H";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        return "an object";
    }

    private static boolean isObject(Class<?> type) {
        return !type.isEnum() && !type.isPrimitive() && !type.isArray() && !Collection.class.isAssignableFrom(type)
                && !CharSequence.class.isAssignableFrom(type) && !Number.class.isAssignableFrom(type)
                && type != Boolean.class && !type.getPackageName().equals("java.time") || Map.class.isAssignableFrom(type);
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static String orBody(String field) {
        return field.isEmpty() ? "body" : field;
    }
}
