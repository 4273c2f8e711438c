package app.sabai.gateway.limits;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * Refuses request bodies above {@code sabai.gateway.max-request-size} with 413 before any backend is
 * contacted: at once when the {@code Content-Length} says so; a body sent without a length (chunked) is
 * read first, which is cheap because it is small by definition, and then forwarded with its length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimit implements WebFilter {

    private static final Set<HttpMethod> WITHOUT_BODY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    /** How much of an oversized chunked body is read and dropped before the connection is cut instead. */
    private static final int DRAIN_FACTOR = 16;

    private final DataSize limit;

    public RequestSizeLimit(@Value("${sabai.gateway.max-request-size:64KB}") DataSize limit) {
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declaredLength = request.getHeaders().getContentLength();
        if (declaredLength > limit.toBytes()) {
            return Mono.error(new RequestTooLargeException(limit));
        }
        if (declaredLength >= 0 || WITHOUT_BODY.contains(request.getMethod())) {
            return chain.filter(exchange);
        }
        return read(request.getBody()).flatMap(body ->
                chain.filter(exchange.mutate().request(new SizedBody(request, body, exchange.getResponse().bufferFactory())).build()));
    }

    /**
     * Copies the body while it is within the limit and keeps reading (and dropping) past it, so the
     * client's upload ends normally and gets its 413 rather than a cut connection.
     */
    private Mono<byte[]> read(Flux<DataBuffer> body) {
        long max = limit.toBytes();
        return body.reduce(new BodyCopy(), (copy, buffer) -> {
            try {
                copy.seen += buffer.readableByteCount();
                if (copy.seen > max * DRAIN_FACTOR) {
                    throw new RequestTooLargeException(limit);
                }
                if (copy.seen <= max) {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    copy.bytes.writeBytes(bytes);
                }
                return copy;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }).switchIfEmpty(Mono.fromSupplier(BodyCopy::new)).flatMap(copy -> copy.seen > max
                ? Mono.error(new RequestTooLargeException(limit))
                : Mono.just(copy.bytes.toByteArray()));
    }

    private static final class BodyCopy {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long seen;
    }

    /** The request with its body read into memory and its length declared. */
    private static final class SizedBody extends ServerHttpRequestDecorator {

        private final byte[] body;
        private final DataBufferFactory buffers;
        private final HttpHeaders headers;

        SizedBody(ServerHttpRequest delegate, byte[] body, DataBufferFactory buffers) {
            super(delegate);
            this.body = body;
            this.buffers = buffers;
            this.headers = new HttpHeaders();
            this.headers.putAll(delegate.getHeaders());
            this.headers.remove(HttpHeaders.TRANSFER_ENCODING);
            this.headers.setContentLength(body.length);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> Flux.just(buffers.wrap(body)));
        }
    }
}
