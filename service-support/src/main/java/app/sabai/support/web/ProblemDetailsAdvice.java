package app.sabai.support.web;

import jakarta.validation.ConstraintViolationException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Every client mistake becomes an RFC 9457 {@code application/problem+json} answer naming the fields at
 * fault: {@code {type, title, status, detail, errors: [{field, message}]}}. It runs ahead of Boot's own
 * problem-details handler, which does not name the fields.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final URI INVALID_REQUEST = URI.create("https://sabai.app/problems/invalid-request");
    public static final URI NOT_FOUND = URI.create("https://sabai.app/problems/not-found");
    public static final URI CONFLICT = URI.create("https://sabai.app/problems/conflict");

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return invalidRequest(e.problems());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        return invalidRequest(e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(CONFLICT);
        problem.setTitle("Conflict");
        if (e.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        }
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalidRequest(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> problems.add(new FieldProblem(name, error.getDefaultMessage())));
        });
        return ResponseEntity.badRequest().body(invalidRequest(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        FieldProblem problem = e.getCause() instanceof JacksonException json
                ? JsonProblems.of(json)
                : new FieldProblem("body", "is required: a JSON document");
        return ResponseEntity.badRequest().body(invalidRequest(List.of(problem)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalidRequest(List.of(new FieldProblem(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "another value" : JsonProblems.expected(e.getRequiredType());
        return ResponseEntity.badRequest().body(invalidRequest(List.of(
                new FieldProblem(name, "'" + e.getValue() + "' is not valid: must be " + expected))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return invalidRequest(List.of(new FieldProblem(e.getHeaderName(), "header is required")));
    }

    public static ProblemDetail invalidRequest(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() == 1
                        ? problems.get(0).field() + ": " + problems.get(0).message()
                        : problems.size() + " fields are invalid");
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems);
        return problem;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
    }
}
