package app.sabai.booking.idempotency;

import app.sabai.booking.idempotency.adapter.IdempotencyKeys;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.TestCallers;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.RequestBodies.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on the commands of a booking's later life: the same request gets the same answer, the
 * key with another request is refused, a request still being answered is 409, and keys are kept 24 hours in day
 * collections that are dropped whole.
 */
class CommandIdempotencyIT extends ServiceIntegrationTest {

    @Autowired
    IdempotencyKeys keys;

    @Test
    void theSameRequestAgainGetsTheSameAnswerAndChangesNothingMore() {
        String id = confirmed();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = cancel(id, "{\"reason\":\"Ill\"}", key);
        HttpResponse<String> again = cancel(id, "{ \"reason\" : \"Ill\" }", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(BookingEvents.all(BookingCancelled.class, id, Duration.ofSeconds(3))).hasSize(1);
        assertThat(stored(id).getList("appliedCommandKeys", String.class)).containsExactly(IdempotencyKeys.scoped(TestCallers.admin(), key));
    }

    @Test
    void aRefusalIsAnAnswerTooAndIsRepeated() {
        String id = confirmed();
        api.cancel(id, null);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = cancel(id, "{}", key);
        HttpResponse<String> again = cancel(id, "{}", key);

        assertThat(first.statusCode()).isEqualTo(409);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void theKeyWithAnotherRequestIsRefusedNamingItAndChangesNothing() {
        String id = confirmed();
        String other = confirmed();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> reschedule = api.postTo("/api/bookings/" + id + "/reschedule",
                SabaiJson.mapper().writeValueAsString(map("start", startOf(id).plus(Duration.ofDays(1)).toString())), key);
        assertThat(reschedule.statusCode()).isEqualTo(202);

        List<HttpResponse<String>> misuses = List.of(
                api.postTo("/api/bookings/" + id + "/reschedule",
                        SabaiJson.mapper().writeValueAsString(map("start", startOf(id).plus(Duration.ofDays(2)).toString())), key),
                cancel(id, "{}", key),
                cancel(other, "{}", key));

        for (HttpResponse<String> misuse : misuses) {
            assertThat(misuse.statusCode()).as(misuse.body()).isEqualTo(422);
            JsonNode problem = BookingApi.json(misuse);
            assertThat(problem.get("type").asString()).isEqualTo("https://sabai.app/problems/idempotency-key-reused");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
            assertThat(problem.get("detail").asString()).contains("different request");
        }
        assertThat(api.booking(id).get("status").asString()).isEqualTo("RESCHEDULE_REQUESTED");
        assertThat(api.booking(other).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(BookingEvents.all(BookingRescheduleRequested.class, id, Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void whileTheFirstIsStillBeingAnsweredTheSameRequestIs409() {
        String id = confirmed();
        String key = UUID.randomUUID().toString();
        String path = "/api/bookings/" + id + "/cancellation";
        String body = "{\"reason\":\"Ill\"}";
        inProgress(key, RequestDigest.of("POST", path, body.getBytes(StandardCharsets.UTF_8)), Instant.now());

        HttpResponse<String> meanwhile = cancel(id, body, key);
        HttpResponse<String> another = cancel(id, "{\"reason\":\"Other\"}", key);

        assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(409);
        JsonNode problem = BookingApi.json(meanwhile);
        assertThat(problem.get("type").asString()).isEqualTo("https://sabai.app/problems/idempotency-key-in-progress");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(another.statusCode()).as("another request with the key is refused all the same").isEqualTo(422);
        assertThat(api.booking(id).get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aRetryAfterTheFirstDiedBetweenItsChangeAndItsAnswerFindsTheChangeMade() {
        String id = confirmed();
        String key = UUID.randomUUID().toString();
        String path = "/api/bookings/" + id + "/cancellation";
        HttpResponse<String> first = cancel(id, "{}", key);
        assertThat(first.statusCode()).isEqualTo(200);
        // As if the process had died after the booking's write, before the answer was kept: the claim is left in progress.
        for (String collection : IdempotencyDays.claim(Instant.now())) {
            mongo.getCollection(collection).deleteOne(new Document("_id", IdempotencyKeys.scoped(TestCallers.admin(), key)));
        }
        inProgress(key, RequestDigest.of("POST", path, "{}".getBytes(StandardCharsets.UTF_8)), Instant.now().minus(Duration.ofMinutes(1)));

        HttpResponse<String> retry = cancel(id, "{}", key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(BookingApi.json(retry).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(BookingApi.json(retry).get("cancellation")).isEqualTo(BookingApi.json(first).get("cancellation"));
        assertThat(BookingEvents.all(BookingCancelled.class, id, Duration.ofSeconds(3))).hasSize(1);
        assertThat(cancel(id, "{}", key).headers().firstValue("Idempotent-Replayed")).as("kept this time").contains("true");
    }

    @Test
    void aKeyIsKeptForADayAndThenServesANewRequest() {
        String id = confirmed();
        String other = confirmed();
        String key = UUID.randomUUID().toString();
        assertThat(cancel(id, "{}", key).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(23));
        assertThat(cancel(other, "{}", key).statusCode()).as("23 hours later").isEqualTo(422);
        assertThat(cancel(id, "{}", key).headers().firstValue("Idempotent-Replayed")).contains("true");

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        HttpResponse<String> aDayLater = cancel(other, "{}", key);

        assertThat(aDayLater.statusCode()).as(aDayLater.body()).isEqualTo(200);
        assertThat(api.booking(other).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void dayCollectionsBeforeYesterdayAreDroppedWhole() {
        Instant now = Instant.now();
        mongo.getCollection("idempotency_20200101").insertOne(new Document("_id", "old-key"));
        String today = IdempotencyDays.lookup(now);
        mongo.getCollection(today).insertOne(new Document("_id", "today-" + UUID.randomUUID()));

        assertThat(keys.dropExpired(now)).isGreaterThanOrEqualTo(1);

        assertThat(mongo.collectionExists("idempotency_20200101")).isFalse();
        assertThat(mongo.collectionExists(today)).isTrue();
    }

    @Test
    void twentyIdenticalCancellationsAtOnceCancelOnce() throws Exception {
        String id = confirmed();
        String key = UUID.randomUUID().toString();
        List<HttpResponse<String>> answers = Race.atOnce(20, () -> cancel(id, "{\"reason\":\"Ill\"}", key));

        List<HttpResponse<String>> answered = answers.stream().filter(answer -> answer.statusCode() == 200).toList();
        assertThat(answered).isNotEmpty();
        assertThat(answered.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isIn(200, 409));
        answers.stream().filter(answer -> answer.statusCode() == 409).forEach(answer ->
                assertThat(BookingApi.json(answer).get("type").asString()).endsWith("idempotency-key-in-progress"));
        assertThat(BookingEvents.all(BookingCancelled.class, id, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void anUnusableKeyIsAClientMistakeAndNoKeyIsFine() {
        String id = confirmed();

        HttpResponse<String> unusable = cancel(id, "{}", "x".repeat(201));
        assertThat(unusable.statusCode()).isEqualTo(400);
        assertThat(BookingApi.json(unusable).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(api.booking(id).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(cancel(id, "{}", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> cancel(String bookingId, String json, String key) {
        return api.postTo("/api/bookings/" + bookingId + "/cancellation", json, key);
    }

    /** An entry as a request still being answered (claimed at {@code claimedAt}) would have left it. */
    private void inProgress(String key, String digest, Instant claimedAt) {
        for (String collection : IdempotencyDays.claim(Instant.now())) {
            mongo.getCollection(collection).insertOne(new Document("_id", IdempotencyKeys.scoped(TestCallers.admin(), key)).append("digest", digest).append("state", "IN_PROGRESS")
                    .append("firstUsedAt", Date.from(claimedAt)).append("claimedAt", Date.from(claimedAt))
                    .append("token", UUID.randomUUID().toString()));
        }
    }
}
