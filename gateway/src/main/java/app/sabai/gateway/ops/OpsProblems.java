package app.sabai.gateway.ops;

import app.sabai.gateway.problem.GatewayProblem;
import org.apache.kafka.common.KafkaException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The console's refusals as {@code application/problem+json}, in the same shape as the services' problems. */
@RestControllerAdvice(assignableTypes = OpsConsoleController.class)
class OpsProblems {

    record FieldError(String field, String message) {
    }

    record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
    }

    @ExceptionHandler
    ResponseEntity<Problem> refused(OpsRequestRefused refused, ServerWebExchange exchange) {
        boolean notFound = refused.status() == HttpStatus.NOT_FOUND;
        return answer(refused.status(), notFound ? GatewayProblem.NOT_FOUND : GatewayProblem.INVALID_REQUEST,
                refused.field() + " " + refused.getMessage(), exchange, List.of(new FieldError(refused.field(), refused.getMessage())));
    }

    @ExceptionHandler
    ResponseEntity<Problem> notFound(DeadLetters.NotFound missing, ServerWebExchange exchange) {
        return answer(HttpStatus.NOT_FOUND, GatewayProblem.NOT_FOUND, missing.getMessage(), exchange, List.of());
    }

    @ExceptionHandler({KafkaException.class, TimeoutException.class, ExecutionException.class})
    ResponseEntity<Problem> brokerUnavailable(Exception failure, ServerWebExchange exchange) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, GatewayProblem.SERVICE_UNAVAILABLE,
                "The event broker did not answer in time; try again in a moment.", exchange, List.of());
    }

    private static ResponseEntity<Problem> answer(HttpStatus status, URI type, String detail, ServerWebExchange exchange,
                                                  List<FieldError> errors) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(new Problem(type, status.getReasonPhrase(), status.value(), detail, exchange.getRequest().getPath().value(), errors));
    }
}
