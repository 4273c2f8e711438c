package app.sabai.support.web;

/** One thing wrong with a request: the field, as a JSON path such as {@code customer.email}, and why. */
public record FieldProblem(String field, String message) {
}
