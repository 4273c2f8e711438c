package app.sabai.booking.testing;

import app.sabai.contracts.json.SabaiJson;
import app.sabai.support.security.Caller;
import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestIssuer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service's HTTP API as a client sees it: by default an administrator, or whoever {@link #as} names. */
public final class BookingApi {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String base;
    private final Caller caller;
    private final String traceparent;

    public BookingApi(int port) {
        this("http://localhost:" + port, TestCallers.admin(), null);
    }

    private BookingApi(String base, Caller caller, String traceparent) {
        this.base = base;
        this.caller = caller;
        this.traceparent = traceparent;
    }

    /** The same API called as {@code who}; {@code null} calls it without a token. */
    public BookingApi as(Caller who) {
        return new BookingApi(base, who, traceparent);
    }

    /** The same API called within a trace, as the gateway calls it: every request carries the {@code traceparent}. */
    public BookingApi traced(String traceparentHeader) {
        return new BookingApi(base, caller, traceparentHeader);
    }

    public HttpResponse<String> post(RequestBodies body) {
        return postJson(SabaiJson.mapper().writeValueAsString(body.asMap()), null);
    }

    public HttpResponse<String> post(RequestBodies body, String idempotencyKey) {
        return postJson(SabaiJson.mapper().writeValueAsString(body.asMap()), idempotencyKey);
    }

    public HttpResponse<String> postJson(String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/bookings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** A POST of {@code json} (null: no body) to {@code path}, with the key when not null. */
    public HttpResponse<String> postTo(String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    public HttpResponse<String> postTo(String path, Object body) {
        return postTo(path, body == null ? null : SabaiJson.mapper().writeValueAsString(body), null);
    }

    public HttpResponse<String> cancel(String bookingId, String reason) {
        return postTo("/api/bookings/" + bookingId + "/cancellation", RequestBodies.map("reason", reason));
    }

    public HttpResponse<String> staffCancel(String branchId, String bookingId, String reason) {
        return postTo("/api/branches/" + branchId + "/bookings/" + bookingId + "/cancellation", RequestBodies.map("reason", reason));
    }

    public HttpResponse<String> reschedule(String bookingId, Object body) {
        return postTo("/api/bookings/" + bookingId + "/reschedule", body);
    }

    public HttpResponse<String> staffReschedule(String branchId, String bookingId, Object body) {
        return postTo("/api/branches/" + branchId + "/bookings/" + bookingId + "/reschedule", body);
    }

    public HttpResponse<String> noShow(String branchId, String bookingId) {
        return postTo("/api/branches/" + branchId + "/bookings/" + bookingId + "/no-show", null);
    }

    public HttpResponse<String> complete(String branchId, String bookingId) {
        return postTo("/api/branches/" + branchId + "/bookings/" + bookingId + "/completion", null);
    }

    public HttpResponse<String> postBody(String path, RequestBodies body, String idempotencyKey) {
        return postTo(path, SabaiJson.mapper().writeValueAsString(body.asMap()), idempotencyKey);
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
    }

    /** {@code POST /api/courses}, which must answer 201; answers the course. */
    public JsonNode createCourse(RequestBodies body) {
        HttpResponse<String> response = postBody("/api/courses", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    public JsonNode course(String courseId) {
        return json(get("/api/courses/" + courseId));
    }

    public JsonNode awaitCourse(String courseId, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> course(courseId), course -> status.equals(course.get("status").asString()));
    }

    /** {@code POST /api/waitlist}, which must answer 201; answers the entry's id. */
    public String joinWaitlist(RequestBodies body) {
        HttpResponse<String> response = postBody("/api/waitlist", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }

    public JsonNode waitlistEntry(String waitlistId) {
        return json(get("/api/waitlist/" + waitlistId));
    }

    public JsonNode awaitWaitlistStatus(String waitlistId, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> waitlistEntry(waitlistId), entry -> status.equals(entry.get("status").asString()));
    }

    public HttpResponse<String> accept(String waitlistId) {
        return postTo("/api/waitlist/" + waitlistId + "/acceptance", null, null);
    }

    public HttpResponse<String> decline(String waitlistId) {
        return postTo("/api/waitlist/" + waitlistId + "/decline", null, null);
    }

    public HttpResponse<String> leaveWaitlist(String waitlistId) {
        return delete("/api/waitlist/" + waitlistId);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public JsonNode booking(String id) {
        return json(get("/api/bookings/" + id));
    }

    /** Requests a booking that must be accepted (by default {@link RequestBodies#aBooking}) and answers its id. */
    public String requestABooking(String branchId) {
        return requestABooking(RequestBodies.aBooking(branchId));
    }

    public String requestABooking(RequestBodies body) {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("id").asString();
    }

    public JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> booking(id), booking -> status.equals(booking.get("status").asString()));
    }

    /** {@code GET /api/branches/{branchId}/attention}. */
    public HttpResponse<String> attention(String branchId) {
        return get("/api/branches/" + branchId + "/attention");
    }

    public static JsonNode json(HttpResponse<String> response) {
        return SabaiJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        if (caller != null) {
            builder.header("Authorization", TestIssuer.get().bearer(caller));
        }
        if (traceparent != null) {
            builder.header("traceparent", traceparent);
        }
        HttpRequest signed = builder.build();
        try {
            return CLIENT.send(signed, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
