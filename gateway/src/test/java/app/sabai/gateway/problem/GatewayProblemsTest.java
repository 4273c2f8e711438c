package app.sabai.gateway.problem;

import app.sabai.gateway.limits.RequestTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayProblemsTest {

    @Test
    void aRefusedConnectionAnywhereInTheCausesMeansTheServiceIsUnavailable() {
        Throwable failure = new IllegalStateException("routing failed", new ConnectException("Connection refused"));

        GatewayProblem problem = GatewayProblems.describe(failure, "/api/bookings", "booking-service");

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).isEqualTo(GatewayProblem.SERVICE_UNAVAILABLE);
        assertThat(problem.detail()).startsWith("booking-service is not reachable");
    }

    @Test
    void aBodyAboveTheLimitIsRequestTooLarge() {
        GatewayProblem problem = GatewayProblems.describe(new RequestTooLargeException(DataSize.ofKilobytes(64)), "/api/bookings", null);

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.detail()).isEqualTo("The request body is larger than the limit of 64 KB.");
        assertThat(problem.serverSide()).isFalse();
    }

    @Test
    void aTimeoutIsAGatewayTimeout() {
        GatewayProblem problem = GatewayProblems.describe(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout"),
                "/api/availability", "therapist-service");

        assertThat(problem.status()).isEqualTo(504);
        assertThat(problem.detail()).isEqualTo("therapist-service did not answer in time.");
    }

    @Test
    void anythingUnexpectedIsAnInternalErrorThatRevealsNoDetails() {
        GatewayProblem problem = GatewayProblems.describe(new IOException("secret internals"), "/api/bookings", null);

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("secret");
        assertThat(problem.serverSide()).isTrue();
    }
}
