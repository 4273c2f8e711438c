package app.sabai.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;

/**
 * {@code IdempotentRetry}: Spring Cloud Gateway's {@code Retry} filter, applied only to the requests
 * {@link RetryPolicy} allows. The stock filter can only list methods, and retrying every POST would
 * book a treatment twice when the first attempt did reach the backend.
 *
 * <p>Defaults: two retries with a short backoff, on a refused or broken connection and on 502/503/504.
 */
@Component
public class IdempotentRetryGatewayFilterFactory extends AbstractGatewayFilterFactory<RetryConfig> {

    private final RetryGatewayFilterFactory retry;

    public IdempotentRetryGatewayFilterFactory(RetryGatewayFilterFactory retry) {
        super(RetryConfig.class);
        this.retry = retry;
    }

    @Override
    public RetryConfig newConfig() {
        return new RetryConfig()
                .setRetries(2)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                .setExceptions(IOException.class)
                .setBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, false)
                .setTimeout(Duration.ofSeconds(10));
    }

    @Override
    public GatewayFilter apply(RetryConfig config) {
        config.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
        GatewayFilter retrying = retry.apply(config);
        return (exchange, chain) -> RetryPolicy.mayRetry(exchange.getRequest().getMethod(), exchange.getRequest().getHeaders())
                ? retrying.filter(exchange, chain)
                : chain.filter(exchange);
    }
}
