package app.sabai.gateway.ops;

import org.springframework.http.HttpStatus;

/** A console request refused for what it asked, naming the part of the request at fault. */
final class OpsRequestRefused extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    OpsRequestRefused(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }
}
