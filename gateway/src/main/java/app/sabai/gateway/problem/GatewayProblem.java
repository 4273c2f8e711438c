package app.sabai.gateway.problem;

import java.net.URI;

/** An RFC 9457 problem the gateway answers itself, in the same shape as the services' problems. */
public record GatewayProblem(URI type, String title, int status, String detail, String instance) {

    public static final URI NOT_FOUND = URI.create("https://sabai.app/problems/not-found");
    public static final URI METHOD_NOT_ALLOWED = URI.create("https://sabai.app/problems/method-not-allowed");
    public static final URI REQUEST_TOO_LARGE = URI.create("https://sabai.app/problems/request-too-large");
    public static final URI SERVICE_UNAVAILABLE = URI.create("https://sabai.app/problems/service-unavailable");
    public static final URI BAD_GATEWAY = URI.create("https://sabai.app/problems/bad-gateway");
    public static final URI GATEWAY_TIMEOUT = URI.create("https://sabai.app/problems/gateway-timeout");
    public static final URI INVALID_REQUEST = URI.create("https://sabai.app/problems/invalid-request");
    public static final URI UNAUTHORIZED = URI.create("https://sabai.app/problems/unauthorized");
    public static final URI FORBIDDEN = URI.create("https://sabai.app/problems/forbidden");
    public static final URI TOO_MANY_REQUESTS = URI.create("https://sabai.app/problems/too-many-requests");
    public static final URI INTERNAL_ERROR = URI.create("https://sabai.app/problems/internal-error");

    /** True for problems that are the gateway's or a backend's fault rather than the caller's. */
    public boolean serverSide() {
        return status >= 500;
    }
}
