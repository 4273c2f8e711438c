package app.sabai.system.pages;

import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import app.sabai.system.harness.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations console in a real browser: operations sign in at {@code /ops} and watch a booking's events arrive
 * on the live stream, filtered by its booking id; an administrator replays a dead letter with one click, and it
 * arrives on its original topic with the same {@code ce_id}. Any JavaScript error on the page fails the test.
 */
class OpsConsoleSystemTest {

    static final Duration DECISION = Duration.ofSeconds(60);
    static final String REPLAYED_FROM = "sabai_replayed-from";

    static String gatewayUrl;
    static Gateway gateway;
    static Topics topics;

    Browser browser;
    WebDriver driver;

    @BeforeAll
    static void startPlatform() {
        Platform platform = Platform.shared();
        gatewayUrl = platform.gatewayUrl();
        gateway = new Gateway(gatewayUrl);
        topics = new Topics(platform.bootstrapServers());
    }

    @AfterEach
    void noJavaScriptErrors() {
        if (browser == null) {
            return;
        }
        try {
            assertThat(browser.newConsoleErrorsFrom(gatewayUrl)).as("errors in the browser's console").isEmpty();
        } finally {
            browser.close();
        }
    }

    @Test
    void operationsSeeABookingsEventsArriveAndFilterThemByItsId() {
        signIn("ops");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.attributeToBe(By.id("stream-state"), "data-state", "live"));
        assertThat(driver.findElement(By.id("who")).getText()).contains("Priya Nair");

        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(9);
        Gateway.Response accepted = gateway.postBooking(booking().branch("liverpool").technique("SWEDISH", 60)
                .at(day, LocalTime.of(15, 0)).json());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String bookingId = accepted.body().get("id").asString();

        driver.findElement(By.id("filter-booking")).sendKeys(bookingId);
        String ofThisBooking = "#events tbody tr[data-booking-id='" + bookingId + "']";
        WebDriverWait decision = new WebDriverWait(driver, DECISION);
        decision.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(ofThisBooking + "[data-type='BookingRequested']")));
        decision.until(page -> !page.findElements(By.cssSelector(ofThisBooking + "[data-type='BookingConfirmed'],"
                + ofThisBooking + "[data-type='BookingRejected']")).isEmpty());
        List<WebElement> shown = driver.findElements(By.cssSelector("#events tbody tr"));
        assertThat(shown).as("only this booking's events pass the filter")
                .allSatisfy(row -> assertThat(row.getDomAttribute("data-booking-id")).isEqualTo(bookingId));
        WebElement requested = driver.findElement(By.cssSelector(ofThisBooking + "[data-type='BookingRequested']"));
        assertThat(requested.getText()).contains("sabai.bookings").contains("liverpool");

        WebElement pause = driver.findElement(By.id("pause"));
        pause.click();
        assertThat(pause.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(driver.findElement(By.id("held")).isDisplayed()).isTrue();
        pause.click();
        assertThat(pause.getDomAttribute("aria-pressed")).isEqualTo("false");

        assertThat(driver.findElements(By.cssSelector("button.replay"))).as("operations read, and change nothing").isEmpty();
        wait.until(page -> page.findElements(By.cssSelector(".uplot")).size() >= 2);
        browser.screenshot("ops-console-events");

        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            wait.until(page -> Boolean.TRUE.equals(browser.script(
                    "return document.documentElement.scrollWidth <= window.innerWidth;")));
            assertThat(driver.findElement(By.id("filter-booking")).isDisplayed()).isTrue();
            browser.screenshot("ops-console-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void anAdministratorReplaysADeadLetterWithOneClickAndItKeepsItsCeId() {
        String marker = "poison-" + UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        byte[] value = ("{\"bookingId\": \"" + marker + "\", \"start\": \"not a time").getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>("sabai.bookings", "liverpool", value);
        poison.headers().add("ce_type", "sabai.bookings.BookingRequested.v1".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_id", ceId.getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_subject", marker.getBytes(StandardCharsets.UTF_8));
        topics.publish(poison);
        assertThat(topics.read("sabai.bookings-dlt", record -> ceId.equals(Topics.header(record, "ce_id")), 1, DECISION))
                .as("booking-service dead-letters the poison record").isNotEmpty();

        signIn("admin");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.findElement(By.id("refresh-dead")).click();
        By row = By.cssSelector("#dead-letters tbody tr[data-ce-id='" + ceId + "']");
        WebElement letter = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(letter.getText()).contains("sabai.bookings-dlt").contains("liverpool");
        assertThat(letter.findElement(By.cssSelector("td.reason")).getText()).isNotBlank();

        letter.findElement(By.cssSelector("button.replay")).click();

        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay-result")));
        assertThat(result.getDomAttribute("data-ce-id")).isEqualTo(ceId);
        assertThat(result.getDomAttribute("data-topic")).isEqualTo("sabai.bookings");
        assertThat(driver.findElement(By.id("problem")).isDisplayed()).isFalse();
        List<ConsumerRecord<String, byte[]>> replayed = topics.read("sabai.bookings",
                record -> ceId.equals(Topics.header(record, "ce_id")) && Topics.header(record, REPLAYED_FROM) != null, 1, DECISION);
        assertThat(replayed).as("the replay on the original topic").singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("liverpool");
            assertThat(record.value()).isEqualTo(value);
            assertThat(Topics.header(record, REPLAYED_FROM)).startsWith("sabai.bookings-dlt/");
            assertThat(Topics.header(record, "kafka_dlt-exception-message")).isNull();
        });

        new Select(driver.findElement(By.id("language"))).selectByValue("th");
        wait.until(ExpectedConditions.textToBe(By.id("dead-heading"), "ข้อความที่ประมวลผลไม่ได้"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("th");
        new Select(driver.findElement(By.id("language"))).selectByValue("en");
        wait.until(page -> page.findElements(By.cssSelector(".uplot")).size() >= 2);
        // The whole console in one picture.
        driver.manage().window().setSize(new Dimension(1280, 2400));
        browser.screenshot("ops-console");
    }

    /** Opens the console in a fresh browser and signs in at the identity provider as {@code user}. */
    private void signIn(String user) {
        browser = Browser.start();
        driver = browser.driver();
        driver.get(gatewayUrl + "/ops");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(gatewayUrl + "/ops") + "(\\?.*)?$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filters")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), " ("));
    }
}
