package app.sabai.gateway.pages;

import app.sabai.gateway.testing.Browser;
import app.sabai.gateway.testing.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.sabai.gateway.testing.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer page: behind the sign-in, back on {@code /} once signed in, with the CSRF cookie its script sends
 * back, and written so the strict content security policy allows it (no inline script, style or handler).
 */
@GatewayTest
class CustomerPageTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);
    /** A field a person fills in (hidden inputs are not), and its id. */
    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)(?![^>]*type=\"hidden\")[^>]*\\sid=\"([^\"]+)\"");
    private static final Pattern MESSAGE_KEY = Pattern.compile("(?m)^ {4}([A-Za-z_]+):");

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Test
    void aBrowserThatIsNotSignedInIsSentToSignIn() {
        HttpResponse<String> answer = new Browser().open(gateway("/"));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(location(answer)).endsWith("/oauth2/authorization/sabai");
    }

    @Test
    void signingInLandsOnThePageWithTheCsrfCookieForItsScript() {
        Browser browser = new Browser();
        HttpResponse<String> toSignIn = browser.open(gateway("/"));
        HttpResponse<String> toIdentity = browser.open(absolute(location(toSignIn)));
        HttpResponse<String> toLogin = browser.open(location(toIdentity));
        HttpResponse<String> signedIn = browser.signInAtIdentity(location(toLogin), "customer", "customer");
        HttpResponse<String> withCode = browser.open(location(signedIn));
        HttpResponse<String> back = browser.open(location(withCode));

        assertThat(absolute(location(back))).matches(Pattern.quote(gateway("/")) + "(\\?.*)?");
        HttpResponse<String> page = browser.open(absolute(location(back)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/app.js\"></script>");
        assertThat(browser.cookie("XSRF-TOKEN")).isPresent();
    }

    @Test
    void thePageHasNoInlineScriptOrStyleForThePolicyToBlock() {
        String page = client.get().uri("/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy).startsWith("default-src 'self';"))
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).doesNotContainPattern(INLINE_SCRIPT).doesNotContainPattern(INLINE_STYLE);
    }

    @Test
    void itsScriptsAndStylesAreOpenToAnyone() {
        for (String file : new String[] {"/app.js", "/messages.js", "/shared/api.js", "/app.css", "/favicon.svg"}) {
            client.get().uri(file).exchange().expectStatus().isOk();
        }
        client.get().uri("/app.js").exchange().expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"));
    }

    @Test
    void everyFieldOfThePageHasALabel() {
        String page = client.get().uri("/index.html").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        Matcher fields = FIELD.matcher(page);
        List<String> unlabelled = new ArrayList<>();
        int count = 0;
        while (fields.find()) {
            count++;
            if (!page.contains("<label for=\"" + fields.group(2) + "\"")) {
                unlabelled.add(fields.group(2));
            }
        }
        assertThat(count).as("fields found").isGreaterThan(10);
        assertThat(unlabelled).as("fields without a label").isEmpty();
    }

    @Test
    void thePageSaysInThaiEverythingItSaysInEnglish() {
        String messages = client.get().uri("/messages.js").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        int thai = messages.indexOf("\n  th: {");
        assertThat(thai).as("the Thai messages").isPositive();

        Set<String> english = keys(messages.substring(0, thai));
        assertThat(english).contains("bookHeading", "declinedPregnancy", "waitlistOFFERED");
        assertThat(keys(messages.substring(thai))).isEqualTo(english);
    }

    private static Set<String> keys(String block) {
        Set<String> keys = new TreeSet<>();
        Matcher key = MESSAGE_KEY.matcher(block);
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    private String absolute(String location) {
        return location.startsWith("/") ? gateway(location) : location;
    }

    private String gateway(String path) {
        return "http://localhost:" + port + path;
    }
}
