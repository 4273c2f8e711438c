package app.sabai.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to the gateway and the identity provider over real HTTP like a browser: keeps its cookies and follows no
 * redirect by itself, so a test sees every step.
 */
public final class Browser {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LOGIN_FORM_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** A page, as a browser asks for one. */
    public HttpResponse<String> open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html,application/xhtml+xml").GET().build());
    }

    public HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> post(String url, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** Fills in and sends identity's login form, with the CSRF token the form carries; answers its redirect. */
    public HttpResponse<String> signInAtIdentity(String loginPage, String username, String password) {
        HttpResponse<String> page = open(loginPage);
        Matcher csrf = LOGIN_FORM_CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("The login page has no CSRF token:\n" + page.body());
        }
        return post(loginPage, "application/x-www-form-urlencoded",
                form(Map.of("username", username, "password", password, "_csrf", csrf.group(1))));
    }

    /**
     * A browser signed in as {@code user} (whose password is its name), having asked the gateway at {@code gateway}
     * for {@code page} first and walked the whole sign-in from there.
     */
    public static Browser signedIn(String gateway, String page, String user) {
        Browser browser = new Browser();
        HttpResponse<String> toSignIn = browser.open(gateway + page);
        String toAuthorization = location(toSignIn);
        HttpResponse<String> toIdentity = browser.open(toAuthorization.startsWith("/") ? gateway + toAuthorization : toAuthorization);
        HttpResponse<String> toLogin = browser.open(location(toIdentity));
        HttpResponse<String> signedIn = browser.signInAtIdentity(location(toLogin), user, user);
        HttpResponse<String> withCode = browser.open(location(signedIn));
        browser.open(location(withCode));
        return browser;
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name)).findFirst();
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in a " + response.statusCode() + " answer: " + response.body()));
    }

    /** The query parameters of a URL, decoded. */
    public static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    public static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
