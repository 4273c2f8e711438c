package app.sabai.support.it;

import app.sabai.support.testing.SabaiServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Strict JSON binding, shared by every service: a value of the wrong JSON type is refused, named by its path, in the API's words. */
@SabaiServiceTest
class StrictJsonIT {

    /** What must never reach a client: Java or parser types, tokens, class names. */
    static final String PARSER_WORDS = "(?s).*(java\\.|tools\\.jackson|com\\.fasterxml|`|Integer|String|Boolean|Long|Double|ArrayList|"
            + "LinkedHashMap|Instant|LocalDate|ZoneId|token|START_|VALUE_|END_|[Cc]lass|Exception|coerc|Parcel|Address|Kind\\b|app\\.sabai).*";

    @LocalServerPort
    int port;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("{\"label\": 12}", "label", "must be text"),
                arguments("{\"label\": 1.5}", "label", "must be text"),
                arguments("{\"label\": true}", "label", "must be text"),
                arguments("{\"label\": [\"a\"]}", "label", "must be text"),
                arguments("{\"label\": {\"a\": 1}}", "label", "must be text"),
                arguments("{\"weightGrams\": \"60\"}", "weightGrams", "must be a whole number"),
                arguments("{\"weightGrams\": 60.5}", "weightGrams", "must be a whole number"),
                arguments("{\"weightGrams\": 60.0}", "weightGrams", "must be a whole number"),
                arguments("{\"weightGrams\": true}", "weightGrams", "must be a whole number"),
                arguments("{\"weightGrams\": \"\"}", "weightGrams", "must be a whole number"),
                arguments("{\"weightGrams\": \" \"}", "weightGrams", "must be a whole number"),
                arguments("{\"weightGrams\": 99999999999}", "weightGrams", "must be a whole number between -2147483648 and 2147483647"),
                arguments("{\"count\": 99999999999999999999}", "count", "is out of range"),
                arguments("{\"price\": \"1.5\"}", "price", "must be a number"),
                arguments("{\"fragile\": 0}", "fragile", "must be true or false"),
                arguments("{\"fragile\": 1}", "fragile", "must be true or false"),
                arguments("{\"fragile\": \"true\"}", "fragile", "must be true or false"),
                arguments("{\"fragile\": \"\"}", "fragile", "must be true or false"),
                arguments("{\"kind\": \"\"}", "kind", "must be one of SMALL, LARGE"),
                arguments("{\"kind\": \"  \"}", "kind", "must be one of SMALL, LARGE"),
                arguments("{\"kind\": 0}", "kind", "must be one of SMALL, LARGE"),
                arguments("{\"kind\": \"HUGE\"}", "kind", "must be one of SMALL, LARGE"),
                arguments("{\"kind\": \"small\"}", "kind", "must be one of SMALL, LARGE"),
                arguments("{\"tags\": \"a\"}", "tags", "must be a list"),
                arguments("{\"tags\": [1]}", "tags[0]", "must be text"),
                arguments("{\"tags\": [\"a\", false]}", "tags[1]", "must be text"),
                arguments("{\"kinds\": [\"SMALL\", \"\"]}", "kinds[1]", "must be one of SMALL, LARGE"),
                arguments("{\"address\": \"1 Road\"}", "address", "must be an object"),
                arguments("{\"address\": \"\"}", "address", "must be an object"),
                arguments("{\"address\": [1]}", "address", "must be an object"),
                arguments("{\"address\": {\"street\": 1}}", "address.street", "must be text"),
                arguments("{\"address\": {\"number\": \"7\"}}", "address.number", "must be a whole number"),
                arguments("{\"pickUpAt\": 1764583200}", "pickUpAt", "must be an ISO-8601 date-time with offset"),
                arguments("{\"pickUpAt\": \"tomorrow\"}", "pickUpAt", "must be an ISO-8601 date-time with offset"),
                arguments("{\"deliverOn\": 20261201}", "deliverOn", "must be an ISO-8601 date, such as 2026-12-01"),
                arguments("{\"deliverOn\": \"01/12/2026\"}", "deliverOn", "must be an ISO-8601 date"),
                arguments("{\"zone\": \"Mars/Olympus\"}", "zone", "must be a time zone"),
                arguments("{\"after\": \"25:00\"}", "after", "must be a time of day"),
                arguments("{\"label\": \"a\", \"label\": \"b\"}", "label", "appears more than once"),
                arguments("{\"address\": {\"street\": \"a\", \"street\": \"b\"}}", "address.street", "appears more than once"),
                arguments("{\"count\": 1} {}", "body", "must be one JSON document with nothing after it"),
                arguments("{\"label\": \"a\"}", "count", "is required: a whole number"),
                arguments("{\"count\": null}", "count", "is required: a whole number"),
                arguments("{\"label\": ", "body", "is not valid JSON"),
                arguments("{'label': 'a'}", "body", "is not valid JSON (line 1, column 2)"),
                arguments("[]", "body", "must be a JSON object"),
                arguments("\"parcel\"", "body", "must be a JSON object"),
                arguments("", "body", "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aValueOfTheWrongJsonTypeIsNamedInTheApisWords(String body, String field, String message) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/parcels"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asString()).contains(message);
        assertThat(problem.get("detail").asString()).isEqualTo(field + ": " + problem.get("errors").get(0).get("message").asString());
        assertThat(response.body()).doesNotMatch(PARSER_WORDS);
    }

    @Test
    void valuesOfTheRightJsonTypeAreBoundAsSent() throws Exception {
        String body = """
                {"label": "", "weightGrams": 60, "count": 2, "price": 1, "fragile": false, "kind": "LARGE", "tags": [],
                 "kinds": ["SMALL"], "address": {"street": "Bold Street", "number": null}, "pickUpAt": "2026-12-01T10:00:00+01:00",
                 "deliverOn": "2026-12-02", "zone": "Europe/London", "after": "10:30"}""";

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/parcels"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode parcel = JsonMapper.shared().readTree(response.body());
        assertThat(parcel.get("label").asString()).isEmpty();
        assertThat(parcel.get("price").asDouble()).isEqualTo(1.0);
        assertThat(parcel.get("pickUpAt").asString()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(parcel.get("after").asString()).isEqualTo("10:30:00");
    }

    @Test
    void aQueryParameterOfTheWrongKindIsNamedInTheApisWords() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/parcels?page=two")).GET());
        HttpResponse<String> kind = send(HttpRequest.newBuilder(uri("/parcels?page=1&kind=HUGE")).GET());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("\"field\":\"page\"", "'two' is not valid: must be a whole number").doesNotMatch(PARSER_WORDS);
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(kind.body()).contains("\"field\":\"kind\"", "must be one of SMALL, LARGE").doesNotMatch(PARSER_WORDS);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.header("Authorization", TestIssuer.get().bearer(TestCallers.customer())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
