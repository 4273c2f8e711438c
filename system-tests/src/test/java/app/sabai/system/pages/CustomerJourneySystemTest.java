package app.sabai.system.pages;

import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's whole journey on the page, in a real browser: a search over several days and every branch, a move
 * to a later time, a waitlist offer taken, a course of weekly sessions, a booking made with the keyboard alone, and the
 * intake screening's refusal said in plain words. Each scenario keeps to days of its own. The refusal comes last: it
 * leaves a pregnancy on the customer's file. Any JavaScript error on the page fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerJourneySystemTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Duration DECISION = Duration.ofSeconds(60);
    static final Duration QUICK = Duration.ofSeconds(15);

    static String gatewayUrl;
    static Gateway gateway;
    static Browser browser;
    static WebDriver driver;

    @BeforeAll
    static void startPlatformAndBrowser() {
        gatewayUrl = Platform.shared().gatewayUrl();
        gateway = new Gateway(gatewayUrl);
        browser = Browser.start();
        driver = browser.driver();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noJavaScriptErrors() {
        assertThat(browser.newConsoleErrorsFrom(gatewayUrl)).as("errors in the browser's console").isEmpty();
    }

    @Test
    @Order(1)
    void aSearchOfEveryBranchOverTwoDaysShowsTheTimesByDayAndBranchAndBooksAtAnotherThanTheFirst() {
        openThePage();
        search("", "SWEDISH", 60, today().plusDays(6), today().plusDays(7));

        // Searching every branch plans each of them over both days: on a loaded machine that takes a while.
        List<WebElement> groups = wait(DECISION).withMessage(() -> "free times; the page says: " + driver.findElement(By.id("times-section")).getText()
                + " / " + driver.findElement(By.id("problem")).getText()).until(page -> {
            List<WebElement> found = page.findElements(By.cssSelector("#times .branch-times"));
            return found.isEmpty() ? null : found;
        });
        List<String> days = driver.findElements(By.cssSelector("#times details.day")).stream()
                .map(day -> day.getDomAttribute("data-date")).toList();
        assertThat(days).as("days with free times, in order").hasSizeGreaterThanOrEqualTo(2).isSorted()
                .allSatisfy(day -> assertThat(LocalDate.parse(day)).isBetween(today().plusDays(5), today().plusDays(8)));
        List<WebElement> firstDay = groups.stream().filter(group -> days.getFirst().equals(group.getDomAttribute("data-date"))).toList();
        List<String> branches = firstDay.stream().map(group -> group.getDomAttribute("data-branch-id")).distinct().toList();
        assertThat(branches).as("branches with free times on the first day").hasSizeGreaterThanOrEqualTo(2);
        WebElement secondDay = driver.findElement(By.cssSelector("#times details.day[data-date='" + days.get(1) + "']"));
        assertThat(secondDay.findElement(By.cssSelector("button")).isDisplayed()).as("a later day, closed").isFalse();
        secondDay.findElement(By.tagName("summary")).click();
        wait(QUICK).until(ExpectedConditions.visibilityOf(secondDay.findElement(By.cssSelector("button"))));
        screenshotOf(By.id("times-section"), "customer-search-every-branch");

        WebElement other = firstDay.stream().filter(group -> !branches.getFirst().equals(group.getDomAttribute("data-branch-id")))
                .findFirst().orElseThrow();
        String branchName = other.findElement(By.tagName("h5")).getText();
        String time = other.findElement(By.cssSelector("button")).getText();
        other.findElement(By.cssSelector("button")).click();
        answerTheIntake("", false);
        driver.findElement(By.id("book")).click();

        WebElement status = awaitDecision("CONFIRMED");
        assertThat(driver.findElement(By.id("status-detail")).getText()).contains(branchName).contains(time);
        String id = status.getDomAttribute("data-booking-id");
        WebElement listed = wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(mine(id)));
        assertThat(listed.getText()).contains(branchName).contains("Confirmed");
    }

    @Test
    @Order(2)
    void aBookingMovedToALaterTimeIsConfirmedThere() {
        openThePage();
        LocalDate day = today().plusDays(9);
        String id = bookFirstFreeTime("liverpool", "SWEDISH", 60, day);

        wait(QUICK).until(ExpectedConditions.elementToBeClickable(mine(id))).findElement(By.cssSelector("button.move")).click();
        WebElement form = wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(By.id("reschedule")));
        setDate(driver.findElement(By.id("reschedule-from")), day);
        setDate(driver.findElement(By.id("reschedule-to")), day);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        List<WebElement> times = wait(QUICK).until(page -> {
            List<WebElement> found = page.findElements(By.cssSelector("#reschedule-times button"));
            return found.isEmpty() ? null : found;
        });
        WebElement later = times.getLast();
        String newTime = later.getText();
        later.click();

        WebElement outcome = wait(DECISION).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#reschedule-status[data-outcome=MOVED]")));
        assertThat(outcome.getText()).contains("moved to").contains(newTime);
        wait(QUICK).until(ExpectedConditions.textToBePresentInElementLocated(mine(id), newTime));
        assertThat(driver.findElement(mine(id)).getText()).contains("Confirmed");
        JsonNode booking = gateway.booking(id);
        assertThat(LocalDateTime.parse(booking.get("startLocal").asString()).toLocalTime()).isEqualTo(LocalTime.parse(newTime));
        screenshotOf(mine(id), "customer-reschedule");
    }

    @Test
    @Order(3)
    void aWaitlistOfferMadeWhenAnotherCustomerCancelsIsAcceptedInThePage() {
        // Liverpool has one stone heater: while another customer's hot stone session holds it, that time is not free.
        LocalDate day = today().plusDays(24);
        JsonNode slot = gateway.availability("liverpool", "HOT_STONE", 75, day).get("slots").get(0);
        LocalDateTime start = LocalDateTime.parse(slot.get("startLocal").asString());
        Gateway emma = gateway.as("customer2");
        Gateway.Response held = emma.postBooking("""
                {"branchId": "liverpool", "technique": "HOT_STONE", "durationMinutes": 75, "startLocal": "%s",
                 "intake": {"conditions": [], "injuries": [], "pregnant": false, "allergies": []}}""".formatted(start));
        assertThat(held.status()).as(held.raw()).isEqualTo(202);
        String heldId = held.body().get("id").asString();
        await().atMost(DECISION).until(() -> emma.booking(heldId).get("status").asString(), "CONFIRMED"::equals);

        openThePage();
        search("liverpool", "HOT_STONE", 75, day, day);
        wait(QUICK).until(ExpectedConditions.elementToBeClickable(By.id("open-waitlist"))).click();
        wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(By.id("waitlist-form")));
        assertThat(new Select(driver.findElement(By.id("waitlist-branch"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("liverpool");
        setValue(driver.findElement(By.id("waitlist-earliest")), start.toLocalTime().minusMinutes(30).toString());
        setValue(driver.findElement(By.id("waitlist-latest")), start.toLocalTime().plusMinutes(30).toString());
        driver.findElement(By.id("join-waitlist")).click();
        WebElement entry = wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#my-waitlist li[data-status=WAITING]")));
        String entryId = entry.getDomAttribute("data-waitlist-id");
        assertThat(entry.getText()).contains("Hot stone").contains("Waiting");

        Gateway.Response cancelled = emma.post("/api/bookings/" + heldId + "/cancellation", "{\"reason\": \"Cannot make it\"}");
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);

        By offered = By.cssSelector("#my-waitlist li[data-waitlist-id='" + entryId + "'][data-status=OFFERED]");
        WebElement offer = wait(DECISION).until(ExpectedConditions.visibilityOfElementLocated(offered));
        assertThat(offer.getText()).contains("A place has come free").contains(start.toLocalTime().toString()).contains("held for you until");
        screenshotOf(offered, "customer-waitlist-offer");
        offer.findElement(By.cssSelector("button.accept")).click();

        WebElement status = awaitDecision("CONFIRMED");
        assertThat(driver.findElement(By.id("status-detail")).getText()).contains("Hot stone").contains(start.toLocalTime().toString());
        String bookingId = status.getDomAttribute("data-booking-id");
        assertThat(gateway.booking(bookingId).get("waitlistId").asString()).isEqualTo(entryId);
        wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#my-waitlist li[data-waitlist-id='" + entryId + "'][data-status=BOOKED]")));
    }

    @Test
    @Order(4)
    void aCourseOfThreeWeeklySessionsIsBookedAndShownSessionBySession() {
        openThePage();
        search("liverpool", "SWEDISH", 60, today().plusDays(26), today().plusDays(26));
        WebElement first = wait(QUICK).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#times li:first-child button")));
        String time = first.getText();
        first.click();
        answerTheIntake("", false);
        driver.findElement(By.id("course")).click();
        WebElement sessions = wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions")));
        assertThat(sessions.getDomProperty("value")).isEqualTo("3");
        driver.findElement(By.id("book")).click();

        WebElement status = wait(Duration.ofSeconds(90)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#course-status[data-status=DECIDED]")));
        assertThat(status.getText()).isEqualTo("Arranged");
        List<WebElement> listed = driver.findElements(By.cssSelector("#course-sessions li"));
        assertThat(listed).hasSize(3);
        assertThat(listed.getFirst().getDomAttribute("data-status")).isEqualTo("CONFIRMED");
        assertThat(listed).allSatisfy(session -> assertThat(session.getText()).contains(time));
        String courseId = status.getDomAttribute("data-course-id");
        JsonNode course = gateway.get("/api/courses/" + courseId).body();
        List<String> weekdays = new ArrayList<>();
        course.get("sessions").forEach(session -> weekdays.add(LocalDateTime.parse(session.get("startLocal").asString()).getDayOfWeek().name()));
        assertThat(weekdays).containsOnly(today().plusDays(26).getDayOfWeek().name()).hasSize(3);
        wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#my-courses li[data-course-id='" + courseId + "']")));
        screenshotOf(By.id("course-section"), "customer-course");
    }

    @Test
    @Order(5)
    void aCustomerBooksWithTheKeyboardAlone() {
        openThePage();
        wait(QUICK).until(page -> !page.findElements(By.cssSelector("#my-bookings li")).isEmpty());

        tabTo(active -> "branch".equals(active.getDomAttribute("id")));
        chooseWithArrows("branch", "liverpool");
        tabTo(active -> "technique".equals(active.getDomAttribute("id")));
        chooseWithArrows("technique", "SWEDISH");
        tabTo(active -> "duration".equals(active.getDomAttribute("id")));
        chooseWithArrows("duration", "60");
        tabTo(active -> "submit".equals(active.getDomAttribute("type")) && active.findElements(By.xpath("ancestor::form[@id='search']")).size() == 1);
        keys(Keys.ENTER);

        wait(QUICK).until(page -> !page.findElements(By.cssSelector("#times button[aria-pressed]")).isEmpty());
        tabTo(active -> active.getDomAttribute("aria-pressed") != null);
        String time = active().getText();
        keys(Keys.ENTER);
        wait(QUICK).until(page -> "condition".equals(active().getDomAttribute("id")));
        tabTo(active -> "book".equals(active.getDomAttribute("id")));
        keys(Keys.SPACE);

        awaitDecision("CONFIRMED");
        assertThat(driver.findElement(By.id("status-detail")).getText()).contains("Sabai Liverpool").contains(time);
    }

    @Test
    @Order(6)
    void aScreeningRefusalIsSaidInPlainWordsInEnglishAndThai() {
        openThePage();
        search("liverpool", "DEEP_TISSUE", 60, today().plusDays(11), today().plusDays(11));
        wait(QUICK).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#times li:first-child button"))).click();
        answerTheIntake("", true);
        driver.findElement(By.id("pregnancy-week")).sendKeys("20");
        driver.findElement(By.id("book")).click();

        awaitDecision("REJECTED");
        WebElement answer = driver.findElement(By.id("screening"));
        assertThat(answer.getDomAttribute("data-reason")).isEqualTo("INTAKE_DECLINED");
        assertThat(answer.getText()).isEqualTo("We cannot book deep tissue massage for you while you are pregnant; Swedish, prenatal or"
                + " lymphatic drainage massage with a pregnancy-trained therapist is possible.");
        screenshotOf(By.id("status-section"), "customer-screening-refusal");

        Select language = new Select(driver.findElement(By.id("language")));
        try {
            language.selectByValue("th");
            wait(QUICK).until(ExpectedConditions.textToBePresentInElementLocated(By.id("screening"), "ขณะตั้งครรภ์"));
            assertThat(driver.findElement(By.id("screening")).getText()).contains("นวดกล้ามเนื้อลึก").doesNotContain("DEEP_TISSUE");
        } finally {
            language.selectByValue("en");
        }
    }

    // ---------------------------------------------------------------- acting on the page

    /** Opens the page afresh; the first time, the gateway sends the browser to the identity provider's sign-in form. */
    private static void openThePage() {
        driver.get(gatewayUrl + "/");
        WebDriverWait wait = wait(Duration.ofSeconds(20));
        wait.until(page -> page.getCurrentUrl().startsWith(gatewayUrl + "/") && !page.findElements(By.id("search")).isEmpty()
                || !page.findElements(By.id("username")).isEmpty());
        if (!driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys("customer");
            driver.findElement(By.id("password")).sendKeys("customer");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(gatewayUrl + "/") + "(\\?.*)?$"));
        wait.until(page -> !page.findElements(By.cssSelector("#branch option")).isEmpty()
                && (!page.findElements(By.cssSelector("#my-bookings li")).isEmpty() || page.findElement(By.id("no-bookings")).isDisplayed()));
    }

    private static void search(String branchId, String technique, int minutes, LocalDate from, LocalDate to) {
        new Select(driver.findElement(By.id("branch"))).selectByValue(branchId);
        new Select(driver.findElement(By.id("technique"))).selectByValue(technique);
        new Select(driver.findElement(By.id("duration"))).selectByValue(String.valueOf(minutes));
        setDate(driver.findElement(By.id("from")), from);
        setDate(driver.findElement(By.id("to")), to);
        driver.findElement(By.cssSelector("#search button[type=submit]")).click();
    }

    private static String bookFirstFreeTime(String branchId, String technique, int minutes, LocalDate day) {
        search(branchId, technique, minutes, day, day);
        wait(QUICK).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#times li:first-child button"))).click();
        answerTheIntake("", false);
        driver.findElement(By.id("book")).click();
        return awaitDecision("CONFIRMED").getDomAttribute("data-booking-id");
    }

    private static void answerTheIntake(String condition, boolean pregnant) {
        wait(QUICK).until(ExpectedConditions.visibilityOfElementLocated(By.id("booking")));
        new Select(driver.findElement(By.id("condition"))).selectByValue(condition);
        new Select(driver.findElement(By.id("pregnant"))).selectByValue(String.valueOf(pregnant));
        new Select(driver.findElement(By.id("allergy"))).selectByValue("");
        if (pregnant) {
            driver.findElement(By.id("pregnancy-week")).clear();
        }
    }

    private static WebElement awaitDecision(String expected) {
        WebElement status = wait(DECISION).until(page -> {
            WebElement found = page.findElement(By.id("status"));
            String now = found.getDomAttribute("data-status");
            return now != null && !"REQUESTED".equals(now) ? found : null;
        });
        assertThat(status.getDomAttribute("data-status")).as(driver.findElement(By.id("status-section")).getText()).isEqualTo(expected);
        return status;
    }

    private static By mine(String bookingId) {
        return By.cssSelector("#my-bookings li[data-booking-id='" + bookingId + "']");
    }

    // ---------------------------------------------------------------- the keyboard

    private static WebElement active() {
        return driver.switchTo().activeElement();
    }

    private static void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses TAB until the focused element is the one wanted; a page that traps or skips it fails here. */
    private static void tabTo(Predicate<WebElement> wanted) {
        for (int presses = 0; presses < 120; presses++) {
            if (wanted.test(active())) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("TAB never reached the element; focus is on " + active().getTagName() + " " + active().getDomAttribute("id"));
    }

    /** Moves a focused list's choice with the arrow keys until it is {@code value}. */
    private static void chooseWithArrows(String id, String value) {
        Select select = new Select(driver.findElement(By.id(id)));
        int wantedAt = -1;
        for (int i = 0; i < select.getOptions().size(); i++) {
            if (value.equals(select.getOptions().get(i).getDomAttribute("value"))) {
                wantedAt = i;
            }
        }
        assertThat(wantedAt).as(value + " among the choices of " + id).isNotNegative();
        for (int presses = 0; presses < 20 && !value.equals(select.getFirstSelectedOption().getDomAttribute("value")); presses++) {
            int at = select.getOptions().indexOf(select.getFirstSelectedOption());
            keys(at < wantedAt ? Keys.ARROW_DOWN : Keys.ARROW_UP);
        }
        assertThat(select.getFirstSelectedOption().getDomAttribute("value")).isEqualTo(value);
    }

    // ---------------------------------------------------------------- helpers

    /** A screenshot with the part of the page a scenario is about at its top. */
    private static void screenshotOf(By part, String name) {
        browser.script("arguments[0].scrollIntoView({block: 'start'});", driver.findElement(part));
        browser.screenshot(name);
    }

    private static WebDriverWait wait(Duration atMost) {
        return new WebDriverWait(driver, atMost);
    }

    private static LocalDate today() {
        return LocalDate.now(LONDON);
    }

    /** A date field's text depends on the browser's locale; its value does not. */
    private static void setDate(WebElement field, LocalDate date) {
        setValue(field, date.toString());
    }

    private static void setValue(WebElement field, String value) {
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", field, value);
    }
}
