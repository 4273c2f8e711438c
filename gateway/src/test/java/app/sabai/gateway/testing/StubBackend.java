package app.sabai.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny real HTTP backend standing in for one service: it records every request it receives and
 * answers 200 with a small JSON body, or the statuses a test queued for a path first. Its
 * {@code /v3/api-docs} is a small OpenAPI document titled after the service.
 */
public final class StubBackend {

    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    public static final String API_DOCS = "/v3/api-docs";

    private final String service;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

    public StubBackend(String service) {
        this.service = service;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, service + "-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The next requests to this path are answered with these statuses, one each, before the usual 200. */
    public void answerNext(String path, Integer... statuses) {
        scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** Requests whose query ends with this parameter, whatever path the gateway sent them to. */
    public List<Received> receivedWithQuery(String parameter) {
        return received.stream().filter(r -> r.pathAndQuery().endsWith("?" + parameter) || r.pathAndQuery().endsWith("&" + parameter)).toList();
    }

    /** Requests to exactly this path and query, or to this path with any query when none is given. */
    public List<Received> receivedFor(String pathAndQuery) {
        return received.stream()
                .filter(r -> r.pathAndQuery().equals(pathAndQuery)
                        || !pathAndQuery.contains("?") && r.pathAndQuery().startsWith(pathAndQuery + "?"))
                .toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), query == null ? path : path + "?" + query,
                Map.copyOf(exchange.getRequestHeaders()), body));

        Deque<Integer> queue = scripted.get(path);
        Integer status = queue == null ? null : queue.pollFirst();
        int code = status == null ? 200 : status;
        byte[] answer = (path.equals(API_DOCS) && code == 200
                ? "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Sabai " + service + "\",\"version\":\"v1\"},\"paths\":{}}"
                : "{\"service\":\"" + service + "\",\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // A backend's own span; the gateway must still answer with its traceparent.
        exchange.getResponseHeaders().set("traceparent", "00-" + "f".repeat(32) + "-" + "e".repeat(16) + "-01");
        exchange.sendResponseHeaders(code, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
