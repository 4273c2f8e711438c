package app.sabai.booking.request;

import app.sabai.support.web.FieldProblem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Collects what is wrong with a request, field by field (JSON paths), so one answer names all of it. */
final class RequestProblems {

    private final List<FieldProblem> problems = new ArrayList<>();

    void add(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    boolean concerns(String field) {
        return problems.stream().anyMatch(problem -> problem.field().equals(field) || problem.field().startsWith(field + "."));
    }

    List<FieldProblem> all() {
        return List.copyOf(problems);
    }

    /** The enum constant named by {@code value}; empty, and a problem noted, when it names none (a blank string names none). Null is empty without a problem. */
    <E extends Enum<E>> Optional<E> oneOf(Class<E> type, String value, String field) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            add(field, "must be one of " + accepted(type));
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.trim())) {
                return Optional.of(constant);
            }
        }
        add(field, "'" + value + "' is not one of the accepted values: " + accepted(type));
        return Optional.empty();
    }

    static <E extends Enum<E>> String accepted(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
