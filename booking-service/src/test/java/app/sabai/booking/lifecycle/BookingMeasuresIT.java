package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.values.RejectionReason;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a metrics collector scrapes from booking-service: requests and their decisions, by branch, each counted once. */
class BookingMeasuresIT extends ServiceIntegrationTest {

    private static final Pattern BUCKET = Pattern.compile("le=\"([^\"]+)\"} (\\S+)");

    @Test
    void requestsAndTheirDecisionsAreMeasuredOnceEvenWhenADecisionIsRedelivered() throws Exception {
        String toConfirm = api.requestABooking(branchId);
        String toReject = api.requestABooking(branchId);
        clock.advance(Duration.ofSeconds(10));
        TherapistAssigned assigned = AssignmentEvents.assigned(toConfirm, branchId, "t-nok", "Nok");
        AssignmentEvents.publish(assigned);
        AssignmentEvents.publish(AssignmentEvents.rejected(toReject, branchId, RejectionReason.NO_THERAPIST_AVAILABLE,
                "Everyone is booked", List.of()));
        api.awaitStatus(toConfirm, "CONFIRMED");
        api.awaitStatus(toReject, "REJECTED");

        AssignmentEvents.publish(assigned);
        // One more request of the branch, confirmed at once: everything published before it has been applied.
        AssignmentEvents.processedUpToHere(api, branchId);

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        String branch = "branch=\"" + branchId + "\"";
        assertThat(sample(metrics, "sabai_bookings_requested_total{application=\"booking-service\"," + branch + "}")).isEqualTo(3.0);
        assertThat(sample(metrics, "sabai_bookings_decided_total{application=\"booking-service\"," + branch + ",outcome=\"confirmed\"}"))
                .isEqualTo(2.0);
        assertThat(sample(metrics, "sabai_bookings_decided_total{application=\"booking-service\"," + branch + ",outcome=\"rejected\"}"))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "sabai_bookings_decision_latency_seconds_count{application=\"booking-service\"," + branch + "}"))
                .isEqualTo(3.0);

        Map<Double, Double> buckets = buckets(metrics, "sabai_bookings_decision_latency_seconds_bucket{application=\"booking-service\"," + branch);
        assertThat(buckets).hasSizeGreaterThan(10);
        assertThat(buckets.get(Double.POSITIVE_INFINITY)).isEqualTo(3.0);
        // The two that waited ten seconds are above every bucket under ten seconds; the one decided at once is below.
        assertThat(buckets.entrySet().stream().filter(bucket -> bucket.getKey() < 10).reduce((first, last) -> last).orElseThrow().getValue())
                .isEqualTo(1.0);
    }

    private static double sample(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]))
                .orElseThrow(() -> new AssertionError("No " + series + " in\n" + metrics));
    }

    private static Map<Double, Double> buckets(String metrics, String seriesPrefix) {
        Map<Double, Double> buckets = new TreeMap<>();
        metrics.lines().filter(line -> line.startsWith(seriesPrefix + ",le=")).forEach(line -> {
            Matcher matcher = BUCKET.matcher(line);
            if (matcher.find()) {
                double le = "+Inf".equals(matcher.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(matcher.group(1));
                buckets.put(le, Double.parseDouble(matcher.group(2)));
            }
        });
        return buckets;
    }
}
