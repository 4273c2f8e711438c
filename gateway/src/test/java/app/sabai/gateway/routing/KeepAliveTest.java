package app.sabai.gateway.routing;

import app.sabai.gateway.testing.Browser;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.TestIdentity;
import org.junit.jupiter.api.RepeatedTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser that keeps its connection open asks for a page's script as soon as it has read the page, sometimes
 * before the server has finished with the page's request. The gateway must go on reading that connection: a request
 * answered at once (a signed-in user's static file), queued behind one answered on another thread (the page), must
 * not leave the next request unread until the browser gives up. Reactor Netty 1.3.6 did; 1.3.8 does not.
 */
@GatewayTest
class KeepAliveTest {

    private static final String GATEWAY = "http://localhost:" + TestIdentity.GATEWAY_PORT;

    /** Long enough for a stalled 2-core machine; a connection that stopped reading never answers at all. */
    private static final int ANSWER_WAIT_MILLIS = 15_000;

    private static String cookies;

    @RepeatedTest(5)
    void aConnectionGoesOnReadingAfterAQueuedRequestWasAnsweredAtOnce() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), TestIdentity.GATEWAY_PORT)) {
            socket.setSoTimeout(ANSWER_WAIT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            send(out, get("/ops") + get("/ops/ops.js"));
            assertThat(statusOf(in)).as("the page").isEqualTo(200);
            assertThat(statusOf(in)).as("its script, asked for behind it").isEqualTo(200);

            send(out, get("/ops/messages.js"));
            assertThat(statusOf(in)).as("the next request on the same connection").isEqualTo(200);
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nCookie: " + cookies() + "\r\n\r\n";
    }

    /**
     * The cookies of a browser that has signed in and opened the page once: its session and its CSRF token. With the
     * token already set, the script is answered on the connection's own thread, which is what the fault needs; a
     * request without one has its token made on another thread first.
     */
    private static synchronized String cookies() {
        if (cookies == null) {
            Browser browser = Browser.signedIn(GATEWAY, "/ops", "ops");
            assertThat(browser.open(GATEWAY + "/ops").statusCode()).isEqualTo(200);
            cookies = Stream.of("SESSION", "XSRF-TOKEN").map(name -> browser.cookie(name).orElseThrow())
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
        }
        return cookies;
    }

    private static void send(OutputStream out, String requests) throws IOException {
        out.write(requests.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one whole answer off the connection, so the next one starts where it ends, and gives its status. */
    private static int statusOf(InputStream in) throws IOException {
        String statusLine = line(in);
        int contentLength = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.readNBytes(contentLength);
        }
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the gateway closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
