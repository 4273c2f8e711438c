package app.sabai.system.harness;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP client of the platform's public API, through the gateway only, signed in as one of the demo users (password =
 * user name) with a token from the local run's {@code POST /auth/token}: {@code admin} unless {@link #as} says otherwise.
 */
public final class Gateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Tokens live 15 minutes; one is taken again well before that. */
    private static final Duration TOKEN_KEPT = Duration.ofMinutes(10);
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String user;

    private record Token(String value, Instant takenAt) {
    }

    public Gateway(String baseUrl) {
        this(baseUrl, "admin");
    }

    private Gateway(String baseUrl, String user) {
        this.baseUrl = baseUrl;
        this.user = user;
    }

    /** The same API signed in as the demo user {@code user}; {@code null} sends no token. */
    public Gateway as(String user) {
        return new Gateway(baseUrl, user);
    }

    /** A token for a demo user, as a curl user of the local run gets one. */
    public Response signIn(String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(), false);
    }

    public record Response(int status, String contentType, String location, JsonNode body, String raw) {
    }

    public Response postBooking(String body) {
        return post("/api/bookings", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    public Response post(String path, String body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** A GET's status, size, and time from sending to its last byte: a benchmark's reading, with no parsing counted. */
    public record Timed(int status, int bytes, long nanos) {
    }

    public Timed timedGet(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token()).GET().build();
        try {
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Timed(response.statusCode(), response.body().length, System.nanoTime() - sent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    public JsonNode booking(String id) {
        Response response = get("/api/bookings/" + id);
        if (response.status() != 200) {
            throw new IllegalStateException("GET booking " + id + " answered " + response.status() + ": " + response.raw());
        }
        return response.body();
    }

    public JsonNode schedule(String branchId, String date) {
        Response response = get("/api/branches/" + branchId + "/schedule?date=" + URLEncoder.encode(date, StandardCharsets.UTF_8));
        if (response.status() != 200) {
            throw new IllegalStateException("GET schedule answered " + response.status() + ": " + response.raw());
        }
        return response.body();
    }

    /** A branch's day board: therapists on shift with their sessions, absences and free time; rooms; equipment. */
    public JsonNode board(String branchId, LocalDate date) {
        return ok(get("/api/branches/" + branchId + "/board?date=" + date), "board");
    }

    /** The therapists working at a branch (home staff and colleagues covering it), with their skills. */
    public JsonNode therapists(String branchId) {
        return ok(get("/api/branches/" + branchId + "/therapists"), "therapists");
    }

    /**
     * The start times at which a session can be booked at a branch on a local date, each with the therapists who could
     * give it ({@code slots[].offeredBy}, the one a booking would get first). {@code filters} are further query
     * parameters as {@code name=value}, such as {@code therapistId=lpl-niamh-byrne} or {@code earliest=13:00}.
     */
    public JsonNode availability(String branchId, String technique, int durationMinutes, LocalDate date, String... filters) {
        StringBuilder query = new StringBuilder("/api/availability?branchId=" + branchId + "&technique=" + technique
                + "&durationMinutes=" + durationMinutes + "&date=" + date);
        for (String filter : filters) {
            query.append('&').append(filter);
        }
        return ok(get(query.toString()), "availability");
    }

    /** The bookings of a branch that need staff. */
    public JsonNode attention(String branchId) {
        return ok(get("/api/branches/" + branchId + "/attention"), "attention list");
    }

    private static JsonNode ok(Response response, String what) {
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + what + " answered " + response.status() + ": " + response.raw());
        }
        return response.body();
    }

    private Response send(HttpRequest request) {
        return send(request, true);
    }

    private Response send(HttpRequest request, boolean signed) {
        HttpRequest sent = signed && user != null
                ? HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token()).build()
                : request;
        try {
            HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? null : parse(raw);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), body, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token() {
        Token kept = TOKENS.compute(baseUrl + " " + user, (key, token) -> token != null
                && token.takenAt().plus(TOKEN_KEPT).isAfter(Instant.now()) ? token : new Token(freshToken(), Instant.now()));
        return kept.value();
    }

    private String freshToken() {
        Response answer = signIn(user, user);
        if (answer.status() != 200 || answer.body() == null || !answer.body().has("access_token")) {
            throw new IllegalStateException("Signing in as " + user + " answered " + answer.status() + ": " + answer.raw());
        }
        return answer.body().get("access_token").asString();
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
