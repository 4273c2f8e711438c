package app.sabai.system.pages;

import app.sabai.system.harness.Platform;
import org.junit.jupiter.api.AfterAll;
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

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer page in a real browser, driven as a person would: sign in at the identity provider, find a free
 * time, book it, watch it become confirmed, find it under "My bookings" and cancel it. Any JavaScript error on the
 * page fails the test.
 */
class CustomerPageSystemTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Duration DECISION = Duration.ofSeconds(60);

    static String gatewayUrl;
    static Browser browser;
    static WebDriver driver;

    @BeforeAll
    static void startPlatformAndBrowser() {
        gatewayUrl = Platform.shared().gatewayUrl();
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
    void aCustomerSignsInBooksAFreeTimeAndSeesItConfirmed() {
        signInAsCustomer();

        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        Select branch = new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("branch"))));
        wait.until(page -> !branch.getOptions().isEmpty());
        branch.selectByValue("liverpool");
        new Select(driver.findElement(By.id("technique"))).selectByValue("SWEDISH");
        new Select(driver.findElement(By.id("duration"))).selectByValue("60");
        setDate(driver.findElement(By.id("from")), LocalDate.now(LONDON).plusDays(4));
        setDate(driver.findElement(By.id("to")), LocalDate.now(LONDON).plusDays(4));
        driver.findElement(By.cssSelector("#search button[type=submit]")).click();

        WebElement firstTime = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#times li:first-child button")));
        firstTime.click();
        assertThat(driver.findElement(By.id("booking")).isDisplayed()).isTrue();
        assertThat(new Select(driver.findElement(By.id("condition"))).getFirstSelectedOption().getAttribute("value")).isEmpty();
        driver.findElement(By.id("book")).click();

        WebElement status = driver.findElement(By.id("status"));
        new WebDriverWait(driver, DECISION).until(ExpectedConditions.attributeToBe(status, "data-status", "CONFIRMED"));
        assertThat(status.getText()).isEqualTo("Confirmed");
        String bookingId = status.getDomAttribute("data-booking-id");
        browser.screenshot("customer-page");

        By mine = By.cssSelector("#my-bookings li[data-booking-id='" + bookingId + "']");
        WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(mine));
        assertThat(listed.getText()).contains("Confirmed");

        listed.findElement(By.cssSelector("button.cancel")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(mine, "Cancelled"));
        assertThat(driver.findElement(By.id("problem")).isDisplayed()).isFalse();
    }

    @Test
    void aRefusedSearchShowsTheProblemAndWhichFieldIsAtFault() {
        signInAsCustomer();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(page -> !page.findElements(By.cssSelector("#branch option")).isEmpty());
        // The field is required, so the browser would not send the form without a first date; the page must still
        // show what the API says when it refuses.
        browser.script("document.getElementById('from').value = '';"
                + "document.getElementById('search').dispatchEvent(new Event('submit', {cancelable: true}));");

        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertThat(problem.getText()).contains("from: is required");
        assertThat(browser.newConsoleErrorsFrom(gatewayUrl)).as("only the refused call itself")
                .allSatisfy(error -> assertThat(error).contains("/api/availability").contains("status of 400"));
    }

    @Test
    void thePageFitsAPhoneScreen() {
        signInAsCustomer();
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
            WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
            wait.until(page -> !page.findElements(By.cssSelector("#branch option")).isEmpty()
                    && (!page.findElements(By.cssSelector("#my-bookings li")).isEmpty() || page.findElement(By.id("no-bookings")).isDisplayed()));
            assertThat(search.isDisplayed()).isTrue();
            Object fits = browser.script("return document.documentElement.scrollWidth <= window.innerWidth;");
            assertThat(fits).as("no horizontal scrolling at phone width").isEqualTo(true);
            browser.screenshot("customer-page-phone");

            driver.findElement(By.cssSelector("#search button[type=submit]")).click();
            new WebDriverWait(driver, DECISION).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#times .branch-times button")));
            Object timesFit = browser.script("return document.documentElement.scrollWidth <= window.innerWidth;");
            assertThat(timesFit).as("no horizontal scrolling at phone width, with free times shown").isEqualTo(true);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void theCustomerReadsThePageInThai() {
        signInAsCustomer();
        Select language = new Select(driver.findElement(By.id("language")));
        try {
            language.selectByValue("th");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.textToBe(By.id("book-heading"), "จองนวด"));
            assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("th");
            assertThat(driver.findElement(By.cssSelector("label[for=branch]")).getText()).isEqualTo("สาขา");
        } finally {
            language.selectByValue("en");
        }
    }

    /** Opens the page; the first time, the gateway sends the browser to the identity provider's sign-in form. */
    private static void signInAsCustomer() {
        driver.get(gatewayUrl + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(page -> page.getCurrentUrl().startsWith(gatewayUrl + "/") && !page.findElements(By.id("search")).isEmpty()
                || !page.findElements(By.id("username")).isEmpty());
        if (!driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys("customer");
            driver.findElement(By.id("password")).sendKeys("customer");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(gatewayUrl + "/") + "(\\?.*)?$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
    }

    /** A date field's text depends on the browser's locale; its value does not. */
    private static void setDate(WebElement field, LocalDate date) {
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", field, date.toString());
    }
}
