package app.sabai.system.pages;

import app.sabai.system.harness.BookingRequests;
import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff board in a real browser, driven as the front desk would: staff-liverpool signs in at {@code /staff}, sees
 * the day's bookings, sees one made meanwhile appear without reloading, drags a session to another therapist's row
 * and sees it move with the decision's explanation, and records a therapist's absence and sees what became of their
 * session. Each scenario keeps to a day no other system test books, and reads the day's shape from the board's API
 * first. Any JavaScript error on the page fails the test.
 */
class StaffBoardSystemTest {

    static final String BRANCH = "liverpool";
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Duration DECISION = Duration.ofSeconds(60);
    static final Duration SESSION = Duration.ofMinutes(60);
    /** Liverpool's changeover after every session. */
    static final Duration CHANGEOVER = Duration.ofMinutes(15);
    static final Duration GRID = Duration.ofMinutes(15);

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
    void staffSeeBookingsArriveLiveAndDragASessionToAnotherTherapist() {
        LocalDate day = LocalDate.now(LONDON).plusDays(14);
        List<Row> onShift = qualifiedOnShift(gateway.board(BRANCH, day));
        Together together = firstPairFree(onShift).orElseThrow(() -> new AssertionError(
                "No two therapists free together on " + day + ": " + onShift));
        Row asked = together.first();
        Row instead = together.second();
        String before = book(booking().branch(BRANCH).technique("SWEDISH", 60)
                .at(day, local(together.start()).toLocalTime()).preferring(asked.id()));
        assertThat(therapistOf(awaitStatus(before, "CONFIRMED"))).isEqualTo(asked.id());

        openBoard(day);
        WebElement session = sessionIn(before, asked.id());
        assertThat(session.getText()).contains("Malee").contains("Swedish");

        browser.script("window.sabaiNotReloaded = true;");
        Slot later = laterSlot(onShift, together).orElseThrow(() -> new AssertionError("No second free time on " + day));
        String meanwhile = book(booking().branch(BRANCH).technique("SWEDISH", 60)
                .at(day, local(later.start()).toLocalTime()).preferring(later.row().id()));
        new WebDriverWait(driver, DECISION).until(ExpectedConditions.presenceOfElementLocated(sessionOnBoard(meanwhile)));
        assertThat(browser.script("return window.sabaiNotReloaded === true;")).as("the page was not reloaded").isEqualTo(true);

        drag(sessionIn(before, asked.id()), rowLabel(instead.id()));

        WebElement result = new WebDriverWait(driver, DECISION).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#result[data-outcome='moved']")));
        assertThat(result.getText()).contains("Moved to " + instead.name()).contains(instead.name());
        new WebDriverWait(driver, DECISION).until(ExpectedConditions.presenceOfElementLocated(sessionAt(before, instead.id())));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.numberOfElementsToBe(sessionAt(before, asked.id()), 0));
        browser.script("window.scrollTo(0, 0);");
        browser.screenshot("staff-board");

        JsonNode moved = gateway.booking(before);
        assertThat(therapistOf(moved)).isEqualTo(instead.id());
        assertThat(moved.get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aDragARuleForbidsIsRefusedWithTheRuleAndTheSessionGoesBack() {
        LocalDate day = LocalDate.now(LONDON).plusDays(20);
        List<Row> onShift = qualifiedOnShift(gateway.board(BRANCH, day));
        Together together = firstPairFree(onShift).orElseThrow(() -> new AssertionError(
                "No two therapists free together on " + day + ": " + onShift));
        Row asked = together.first();
        Row busy = together.second();
        LocalDate date = local(together.start()).toLocalDate();
        String moved = book(booking().branch(BRANCH).technique("SWEDISH", 60).at(date, local(together.start()).toLocalTime()).preferring(asked.id()));
        String inTheWay = book(booking().branch(BRANCH).technique("SWEDISH", 60).at(date, local(together.start()).toLocalTime()).preferring(busy.id()));
        assertThat(therapistOf(awaitStatus(moved, "CONFIRMED"))).isEqualTo(asked.id());
        assertThat(therapistOf(awaitStatus(inTheWay, "CONFIRMED"))).isEqualTo(busy.id());

        openBoard(day);
        drag(sessionIn(moved, asked.id()), rowLabel(busy.id()));

        WebElement result = new WebDriverWait(driver, DECISION).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#result[data-outcome='refused']")));
        assertThat(result.getText()).isNotBlank().doesNotContain("undefined");
        sessionIn(moved, asked.id());
        assertThat(driver.findElements(sessionAt(moved, busy.id()))).as("the session back in its row").isEmpty();
        assertThat(therapistOf(gateway.booking(moved))).isEqualTo(asked.id());
        // Chrome logs the refusal's 409 as a failed load; that one is expected, and nothing else may be there.
        assertThat(browser.newConsoleErrorsFrom(gatewayUrl)).allSatisfy(error -> assertThat(error)
                .contains("/api/branches/" + BRANCH + "/bookings/" + moved + "/reassignment").contains("409"));
    }

    @Test
    void staffRecordAnAbsenceAndSeeTheSessionMovedToAColleague() {
        LocalDate day = LocalDate.now(LONDON).plusDays(17);
        List<Row> onShift = qualifiedOnShift(gateway.board(BRANCH, day));
        Together together = firstPairFree(onShift).orElseThrow(() -> new AssertionError(
                "No two therapists free together on " + day + ": " + onShift));
        Row absent = together.first();
        String id = book(booking().branch(BRANCH).technique("SWEDISH", 60)
                .at(day, local(together.start()).toLocalTime()).preferring(absent.id()));
        assertThat(therapistOf(awaitStatus(id, "CONFIRMED"))).isEqualTo(absent.id());

        openBoard(day);
        sessionIn(id, absent.id());
        new Select(driver.findElement(By.id("absence-therapist"))).selectByValue(absent.id());
        setValue(driver.findElement(By.id("absence-from")), local(absent.shiftStart()).toLocalDateTime());
        setValue(driver.findElement(By.id("absence-to")), local(absent.shiftEnd()).toLocalDateTime());
        new Select(driver.findElement(By.id("absence-reason"))).selectByValue("SICK");
        driver.findElement(By.id("absence-note")).sendKeys("Called in sick");
        driver.findElement(By.id("record-absence")).click();

        WebElement outcome = new WebDriverWait(driver, DECISION).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#replan-list li[data-booking-id='" + id + "']")));
        assertThat(outcome.getDomAttribute("data-result")).isEqualTo("MOVED");
        // Other system tests may have booked the same therapist that day: the summary counts theirs too.
        assertThat(driver.findElement(By.id("replan-summary")).getText()).contains(absent.name())
                .containsPattern("\\d+ sessions affected, \\d+ moved");
        JsonNode moved = gateway.booking(id);
        String colleague = therapistOf(moved);
        assertThat(colleague).isNotNull().isNotEqualTo(absent.id());
        assertThat(outcome.getText()).contains("moved to " + moved.get("therapist").get("name").asString());
        new WebDriverWait(driver, DECISION).until(ExpectedConditions.presenceOfElementLocated(sessionAt(id, colleague)));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.numberOfElementsToBe(sessionAt(id, absent.id()), 0));
        assertThat(driver.findElements(By.cssSelector(".ec-bg-event.absence"))).as("the absence shaded on the board").isNotEmpty();
        browser.screenshot("staff-board-absence");
    }

    @Test
    void staffReadTheBoardInThai() {
        openBoard(LocalDate.now(LONDON).plusDays(14));
        Select language = new Select(driver.findElement(By.id("language")));
        try {
            language.selectByValue("th");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("body > header h1"), "ตารางงานพนักงาน"));
            assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("th");
            assertThat(driver.findElement(By.cssSelector("label[for=branch]")).getText()).isEqualTo("สาขา");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("board"), "นักบำบัด"));
        } finally {
            language.selectByValue("en");
        }
    }

    // ---------------------------------------------------------------- the page

    /** Opens the day's board; the first time, the gateway sends the browser to the identity provider's sign-in form. */
    private static void openBoard(LocalDate day) {
        String page = gatewayUrl + "/staff?branch=" + BRANCH + "&date=" + day;
        driver.get(page);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(browser -> browser.getCurrentUrl().startsWith(gatewayUrl + "/staff") || !browser.findElements(By.id("username")).isEmpty());
        if (!driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys("staff-liverpool");
            driver.findElement(By.id("password")).sendKeys("staff-liverpool");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(gatewayUrl + "/staff")));
            driver.get(page);
        }
        wait.until(ExpectedConditions.attributeToBe(By.id("board"), "data-date", day.toString()));
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
        Set<String> offered = new HashSet<>();
        new Select(driver.findElement(By.id("branch"))).getOptions().forEach(option -> offered.add(option.getDomAttribute("value")));
        assertThat(offered).as("the branches staff-liverpool works at").containsExactlyInAnyOrder("liverpool", "merseyside-mobile");
    }

    private static By sessionOnBoard(String bookingId) {
        return By.cssSelector(".ec-event[data-booking-id='" + bookingId + "'][data-resource-id^='therapist:']");
    }

    private static By sessionAt(String bookingId, String therapistId) {
        return By.cssSelector(".ec-event[data-booking-id='" + bookingId + "'][data-resource-id='therapist:" + therapistId + "']");
    }

    private static WebElement sessionIn(String bookingId, String therapistId) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(sessionAt(bookingId, therapistId)));
    }

    private static WebElement rowLabel(String therapistId) {
        return driver.findElement(By.cssSelector("[data-resource-id='therapist:" + therapistId + "']:not(.ec-event)"));
    }

    /**
     * Drags the session straight up or down onto the row of the label, as a mouse would: press, move in steps (the
     * calendar follows pointer events), release.
     */
    private static void drag(WebElement session, WebElement targetLabel) {
        browser.script("arguments[0].scrollIntoView({block: 'center', inline: 'center'});", session);
        Rectangle from = session.getRect();
        Rectangle to = targetLabel.getRect();
        int dy = (to.getY() + to.getHeight() / 2) - (from.getY() + from.getHeight() / 2);
        Actions actions = new Actions(driver).moveToElement(session).clickAndHold();
        int steps = 6;
        for (int step = 0; step < steps; step++) {
            actions.moveByOffset(0, dy / steps);
        }
        actions.moveByOffset(0, dy - steps * (dy / steps)).pause(Duration.ofMillis(200)).release().perform();
    }

    /** A datetime-local field's value, as the page reads it (the text shown depends on the browser's locale). */
    private static void setValue(WebElement field, LocalDateTime value) {
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", field,
                value.toString().substring(0, 16));
    }

    // ---------------------------------------------------------------- the day's shape, read from the board's API

    /** A therapist on shift at the branch that day: when they work, and the stretches nothing blocks. */
    record Row(String id, String name, Instant shiftStart, Instant shiftEnd, List<Gap> free) {

        /** Free for a session at {@code start}, its changeover included (or the shift ends with the session). */
        boolean freeFor(Instant start) {
            Instant end = start.plus(SESSION);
            Instant blockedEnd = end.plus(CHANGEOVER);
            return !start.isBefore(shiftStart) && !end.isAfter(shiftEnd) && free.stream().anyMatch(gap -> !start.isBefore(gap.start())
                    && (!blockedEnd.isAfter(gap.end()) || gap.end().equals(shiftEnd) && !end.isAfter(gap.end())));
        }

        List<Instant> freeStarts() {
            List<Instant> starts = new ArrayList<>();
            for (Instant start = shiftStart; !start.plus(SESSION).isAfter(shiftEnd); start = start.plus(GRID)) {
                if (freeFor(start)) {
                    starts.add(start);
                }
            }
            return starts;
        }
    }

    record Gap(Instant start, Instant end) {
    }

    record Together(Row first, Row second, Instant start) {
    }

    record Slot(Row row, Instant start) {
    }

    /** The therapists on shift at the branch that day who give Swedish massage. */
    private static List<Row> qualifiedOnShift(JsonNode board) {
        Set<String> swedish = new HashSet<>();
        gateway.therapists(BRANCH).forEach(therapist -> therapist.get("skills").forEach(skill -> {
            if ("SWEDISH".equals(skill.asString())) {
                swedish.add(therapist.get("id").asString());
            }
        }));
        List<Row> rows = new ArrayList<>();
        board.get("therapists").forEach(row -> {
            JsonNode shift = row.get("shift");
            if (shift == null || shift.isNull() || !BRANCH.equals(shift.get("branchId").asString()) || !swedish.contains(row.get("id").asString())) {
                return;
            }
            List<Gap> free = new ArrayList<>();
            row.get("free").forEach(gap -> free.add(new Gap(Instant.parse(gap.get("start").asString()), Instant.parse(gap.get("end").asString()))));
            rows.add(new Row(row.get("id").asString(), row.get("name").asString(),
                    Instant.parse(shift.get("startsAt").asString()), Instant.parse(shift.get("endsAt").asString()), free));
        });
        return rows;
    }

    private static Optional<Together> firstPairFree(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                Row first = rows.get(i);
                Row second = rows.get(j);
                Optional<Instant> start = first.freeStarts().stream().filter(second::freeFor).findFirst();
                if (start.isPresent()) {
                    return Optional.of(new Together(first, second, start.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** A time for a second session that leaves both of the pair as they were at the pair's time. */
    private static Optional<Slot> laterSlot(List<Row> rows, Together together) {
        for (Row row : rows) {
            for (Instant start : row.freeStarts()) {
                boolean pairUntouched = !row.equals(together.first()) && !row.equals(together.second()) || apart(start, together.start());
                if (pairUntouched) {
                    return Optional.of(new Slot(row, start));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean apart(Instant a, Instant b) {
        Duration blocked = SESSION.plus(CHANGEOVER);
        return !a.isBefore(b.plus(blocked)) || !b.isBefore(a.plus(blocked));
    }

    private static java.time.ZonedDateTime local(Instant instant) {
        return instant.atZone(LONDON);
    }

    private static String book(BookingRequests request) {
        Gateway.Response accepted = gateway.postBooking(request.json());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return accepted.body().get("id").asString();
    }

    private static JsonNode awaitStatus(String id, String status) {
        return await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.booking(id), booking -> status.equals(booking.get("status").asString()));
    }

    private static String therapistOf(JsonNode booking) {
        JsonNode therapist = booking.get("therapist");
        return therapist == null || therapist.isNull() ? null : therapist.get("id").asString();
    }
}
