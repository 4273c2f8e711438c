package app.sabai.gateway.pages;

import app.sabai.gateway.testing.Browser;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static app.sabai.gateway.testing.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff board: behind the sign-in, written so the strict content security policy allows it (no inline script,
 * style or handler), its own scripts and styles served beside it and the calendar library it draws with served from
 * the committed copy, licence included.
 */
@GatewayTest
class StaffPageTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);
    private static final String CALENDAR = "/vendor/event-calendar/5.10.1/";

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Test
    void aBrowserThatIsNotSignedInIsSentToSignIn() {
        HttpResponse<String> answer = new Browser().open("http://localhost:" + port + "/staff");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(location(answer)).endsWith("/oauth2/authorization/sabai");
    }

    @Test
    void thePageHasNoInlineScriptOrStyleForThePolicyToBlock() {
        String page = client.get().uri("/staff")
                .header("Authorization", Callers.bearer(Callers.STAFF_LIVERPOOL))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy).startsWith("default-src 'self';"))
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).doesNotContainPattern(INLINE_SCRIPT).doesNotContainPattern(INLINE_STYLE)
                .contains("<script type=\"module\" src=\"/staff/staff.js\"></script>")
                .contains("src=\"" + CALENDAR + "event-calendar.min.js\"")
                .contains("href=\"" + CALENDAR + "event-calendar.min.css\"");
    }

    @Test
    void itsScriptsAndStylesAreServedToTheSignedIn() {
        for (String file : new String[] {"/staff/staff.js", "/staff/messages.js", "/staff/staff.css"}) {
            client.get().uri(file).header("Authorization", Callers.bearer(Callers.STAFF_LIVERPOOL))
                    .exchange().expectStatus().isOk();
        }
        client.get().uri("/staff/staff.js").header("Authorization", Callers.bearer(Callers.STAFF_LIVERPOOL)).exchange()
                .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"));
    }

    @Test
    void theCalendarLibraryIsServedWithItsLicenceAndVersion() {
        String script = client.get().uri(CALENDAR + "event-calendar.min.js").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(script).startsWith("/*!\n * EventCalendar v5.10.1");
        client.get().uri(CALENDAR + "event-calendar.min.css").exchange().expectStatus().isOk();
        String licence = client.get().uri(CALENDAR + "LICENSE").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(licence).startsWith("MIT License");
    }
}
