package app.sabai.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @Test
    void readsMayBeRetried() {
        assertThat(RetryPolicy.mayRetry(HttpMethod.GET, new HttpHeaders())).isTrue();
        assertThat(RetryPolicy.mayRetry(HttpMethod.HEAD, new HttpHeaders())).isTrue();
    }

    @Test
    void aPostMayBeRetriedOnlyWithAnIdempotencyKey() {
        HttpHeaders withKey = new HttpHeaders();
        withKey.set("Idempotency-Key", "4b0c7f0e-2f57-4a55-9d8e-5d3c1f1f9a10");
        HttpHeaders blankKey = new HttpHeaders();
        blankKey.set("Idempotency-Key", " ");

        assertThat(RetryPolicy.mayRetry(HttpMethod.POST, withKey)).isTrue();
        assertThat(RetryPolicy.mayRetry(HttpMethod.POST, new HttpHeaders())).isFalse();
        assertThat(RetryPolicy.mayRetry(HttpMethod.POST, blankKey)).isFalse();
    }

    @Test
    void otherWritesAreNeverRetried() {
        HttpHeaders withKey = new HttpHeaders();
        withKey.set("Idempotency-Key", "k");

        assertThat(RetryPolicy.mayRetry(HttpMethod.PUT, withKey)).isFalse();
        assertThat(RetryPolicy.mayRetry(HttpMethod.PATCH, withKey)).isFalse();
        assertThat(RetryPolicy.mayRetry(HttpMethod.DELETE, withKey)).isFalse();
    }
}
