package app.sabai.booking.request;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.json.SabaiJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed bodies of {@code POST /api/bookings}, one mistake each: 400 naming the field (a JSON path) and what is
 * wrong in the API's words, never a Java or JSON-library type, class name or token; nothing stored.
 */
class MalformedBodyIT extends ServiceIntegrationTest {

    static final String PARSER_WORDS = "(?s).*(java\\.|tools\\.jackson|com\\.fasterxml|`|\\bInteger\\b|\\bString\\b|\\bBoolean\\b|\\bLong\\b|"
            + "ArrayList|LinkedHashMap|BookingRequest|CustomerForm|IntakeForm|InjuryForm|Form\\b|token|START_|VALUE_|END_ARRAY|"
            + "[Cc]lass\\b|Exception|coerc|app\\.sabai|record).*";

    static Stream<Arguments> malformed() {
        return Stream.of(
                set("a number for the branch", "branchId", 12, "branchId", "must be text"),
                set("a boolean for the branch", "branchId", true, "branchId", "must be text"),
                set("a list for the branch", "branchId", list("liverpool"), "branchId", "must be text"),
                set("an object for the branch", "branchId", object("id", "liverpool"), "branchId", "must be text"),
                set("a number for the technique", "technique", 7, "technique", "must be text"),
                set("a blank technique", "technique", "", "technique", "must be one of SWEDISH, DEEP_TISSUE"),
                set("a technique in lower case", "technique", "thai", "technique", "not one of the accepted values: SWEDISH, DEEP_TISSUE"),
                set("a duration as text", "durationMinutes", "60", "durationMinutes", "must be a whole number"),
                set("a duration with a fraction", "durationMinutes", 60.5, "durationMinutes", "must be a whole number"),
                set("a duration as a decimal", "durationMinutes", 60.0, "durationMinutes", "must be a whole number"),
                set("a duration as a boolean", "durationMinutes", true, "durationMinutes", "must be a whole number"),
                set("a duration out of range", "durationMinutes", 99999999999L, "durationMinutes", "is out of range"),
                set("a blank duration", "durationMinutes", "", "durationMinutes", "must be a whole number"),
                set("a start as an epoch number", "startLocal", 1764583200, "startLocal", "must be text"),
                set("the customer as text", "customer", "Somchai", "customer", "must be an object"),
                set("the customer as a list", "customer", list("Somchai"), "customer", "must be an object"),
                set("a number for a name", "customer.name", 5, "customer.name", "must be text"),
                set("a list for an email", "customer.email", list("a@example.com"), "customer.email", "must be text"),
                set("a number for a phone", "customer.phone", 447700900123L, "customer.phone", "must be text"),
                set("yes for SMS", "customer.sms", "yes", "customer.sms", "must be true or false"),
                set("1 for SMS", "customer.sms", 1, "customer.sms", "must be true or false"),
                set("a blank pressure", "preferences.pressure", "", "preferences.pressure", "must be one of LIGHT, MEDIUM, FIRM"),
                set("a number for a gender", "preferences.therapistGender", 0, "preferences.therapistGender", "must be text"),
                set("body areas as text", "bodyAreas", "LOWER_BACK", "bodyAreas", "must be a list"),
                set("a number in the body areas", "bodyAreas", list("LOWER_BACK", 3), "bodyAreas[1]", "must be text"),
                set("a blank body area", "bodyAreas", list(""), "bodyAreas[0]", "must be one of"),
                set("0 for pregnant", "intake.pregnant", 0, "intake.pregnant", "must be true or false"),
                set("\"true\" for pregnant", "intake.pregnant", "true", "intake.pregnant", "must be true or false"),
                set("a blank for breastfeeding", "intake.breastfeeding", "", "intake.breastfeeding", "must be true or false"),
                set("an age as text", "intake.age", "42", "intake.age", "must be a whole number"),
                set("a pregnancy week with a fraction", "intake.pregnancyWeek", 20.5, "intake.pregnancyWeek", "must be a whole number"),
                set("conditions as an object", "intake.conditions", object("SCIATICA", true), "intake.conditions", "must be a list"),
                set("an injury as text", "intake.injuries", list("back"), "intake.injuries[0]", "must be an object"),
                set("yes for an acute injury", "intake.injuries", list(object("area", "LOWER_BACK", "acute", "yes")),
                        "intake.injuries[0].acute", "must be true or false"),
                set("a number for a surgery date", "intake.recentSurgery", object("date", 20261001, "medicalClearance", true),
                        "intake.recentSurgery.date", "must be text"),
                set("medication as a number", "intake.medication", 12, "intake.medication", "must be text"),
                set("a number for the customer id", "customerId", 42, "customerId", "must be text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRefusedNamingTheFieldInTheApisWords(String mistake, UnaryOperator<ObjectNode> change, String field, String message) {
        RequestBodies body = aBooking(branchId);
        ObjectNode json = SabaiJson.mapper().valueToTree(body.asMap());

        HttpResponse<String> response = api.postJson(SabaiJson.mapper().writeValueAsString(change.apply(json)), null);

        assertRefused(response, field, message);
        assertThat(mongo.count(new Query(Criteria.where("customer.email").is(body.email())), "bookings")).isZero();
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("a property twice", "{\"branchId\": \"a\", \"branchId\": \"b\"}", "branchId", "appears more than once"),
                arguments("a nested property twice", "{\"customer\": {\"email\": \"a@example.com\", \"email\": \"b@example.com\"}}",
                        "customer.email", "appears more than once"),
                arguments("something after the document", "{\"branchId\": \"a\"} {\"branchId\": \"b\"}", "body", "nothing after it"),
                arguments("single quotes", "{'branchId': 'a'}", "body", "is not valid JSON (line 1, column 2)"),
                arguments("a cut-off document", "{\"branchId\": ", "body", "is not valid JSON"),
                arguments("a trailing comma", "{\"bodyAreas\": [\"NECK\",]}", "body", "is not valid JSON"),
                arguments("a list instead of an object", "[]", "body", "must be a JSON object"),
                arguments("text instead of an object", "\"booking\"", "body", "must be a JSON object"),
                arguments("nothing at all", "", "body", "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenJsonIsRefusedInTheApisWordsToo(String mistake, String json, String field, String message) {
        assertRefused(api.postJson(json, null), field, message);
    }

    @Test
    void whetherAnEmailHasAnIntakeOnFileIsNotGivenAway() {
        RequestBodies customer = aBooking(branchId);
        JsonNode first = BookingApi.json(api.post(customer));
        String withIntakeOnFile = customer.email();
        String withNothingOnFile = RequestBodies.freshEmail();

        HttpResponse<String> knownEmail = api.post(aBooking(branchId).with("customer.email", withIntakeOnFile).without("intake"));
        HttpResponse<String> unknownEmail = api.post(aBooking(branchId).with("customer.email", withNothingOnFile).without("intake"));
        HttpResponse<String> guessedId = api.post(aBooking(branchId).with("customer.email", withIntakeOnFile).without("intake")
                .with("customerId", java.util.UUID.randomUUID().toString()));
        HttpResponse<String> othersId = api.post(aBooking(branchId).with("customer.email", withNothingOnFile).without("intake")
                .with("customerId", first.get("customerId").asString()));

        assertThat(knownEmail.statusCode()).isEqualTo(400);
        for (HttpResponse<String> response : java.util.List.of(unknownEmail, guessedId, othersId)) {
            assertThat(response.statusCode()).isEqualTo(knownEmail.statusCode());
            assertThat(withoutEmails(response.body(), withIntakeOnFile, withNothingOnFile))
                    .isEqualTo(withoutEmails(knownEmail.body(), withIntakeOnFile, withNothingOnFile));
        }
        assertThat(knownEmail.body()).doesNotContain(withIntakeOnFile).contains("\"field\":\"intake\"");

        HttpResponse<String> theCustomer = api.post(aBooking(branchId).with("customer.email", withIntakeOnFile).without("intake")
                .with("customerId", first.get("customerId").asString()));
        assertThat(theCustomer.statusCode()).as("with the id of their file, the customer may leave the intake out").isEqualTo(202);
    }

    private static void assertRefused(HttpResponse<String> response, String field, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = BookingApi.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://sabai.app/problems/invalid-request");
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("message").asString()).contains(message);
        });
        assertThat(response.body()).doesNotMatch(PARSER_WORDS);
    }

    private static String withoutEmails(String body, String... emails) {
        String result = body;
        for (String email : emails) {
            result = result.replace(email, "<email>");
        }
        return result;
    }

    private static Arguments set(String mistake, String path, Object value, String field, String message) {
        return arguments(mistake, (UnaryOperator<ObjectNode>) json -> {
            String[] parts = path.split("\\.");
            ObjectNode node = json;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            node.set(parts[parts.length - 1], SabaiJson.mapper().valueToTree(value));
            return json;
        }, field, message);
    }

    private static java.util.List<Object> list(Object... values) {
        return RequestBodies.list(values);
    }

    private static java.util.Map<String, Object> object(Object... keysAndValues) {
        return RequestBodies.map(keysAndValues);
    }
}
