package app.sabai.gateway.limits;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/** A request body above the gateway's limit; answered with 413 before any backend sees it. */
public class RequestTooLargeException extends ResponseStatusException {

    public RequestTooLargeException(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the limit of " + describe(limit) + ".");
    }

    private static String describe(DataSize size) {
        return size.toBytes() % 1024 == 0 ? size.toKilobytes() + " KB" : size.toBytes() + " bytes";
    }
}
