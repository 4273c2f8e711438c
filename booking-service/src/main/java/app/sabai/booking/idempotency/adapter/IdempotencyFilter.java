package app.sabai.booking.idempotency.adapter;

import app.sabai.booking.idempotency.KeyClaim;
import app.sabai.booking.idempotency.RequestDigest;
import app.sabai.booking.idempotency.StoredAnswer;
import app.sabai.support.security.Caller;
import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.ProblemDetailsAdvice;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for the commands of a booking's later life (cancellation, reschedule, no-show,
 * completion), courses and the waitlist. The key is optional. The first request with a key runs and its
 * answer (status, body, {@code Location}) is kept for 24 hours; the same request again (same method, path and
 * body, however the JSON is spaced or ordered) gets that answer again; the key with another request is 422; the
 * same request while the first is still running is 409. An answer of 5xx is not kept, so a retry runs again.
 * The key travels on to the command (request attribute {@link #COMMAND_KEY}), which records it on the booking in
 * the same write as the change, so a retry after a crash between the change and its answer finds it made.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String COMMAND_KEY = "sabai.idempotencyKey";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final URI KEY_REUSED = URI.create("https://sabai.app/problems/idempotency-key-reused");
    static final URI IN_PROGRESS = URI.create("https://sabai.app/problems/idempotency-key-in-progress");
    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7E]{1,200}$");
    private static final int MAX_BODY = 256 * 1024;

    private final List<PathPattern> commands;
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final JsonMapper json;

    public IdempotencyFilter(List<String> commandPaths, IdempotencyKeys keys, Clock clock, JsonMapper json) {
        this.commands = commandPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.keys = keys;
        this.clock = clock;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null) {
            return true;
        }
        var path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
        return commands.stream().noneMatch(pattern -> pattern.matches(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problem(response, ProblemDetailsAdvice.invalidRequest(List.of(
                    new FieldProblem(HEADER, "must be 1 to 200 visible ASCII characters, such as a UUID"))));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            problem(response, ProblemDetailsAdvice.invalidRequest(List.of(new FieldProblem("body", "is too large"))));
            return;
        }
        String digest = RequestDigest.of(request.getMethod(), request.getRequestURI(), body);
        Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication()).orElse(null);
        if (caller == null) {
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        switch (keys.claim(IdempotencyKeys.scoped(caller, key), digest, clock.instant())) {
            case KeyClaim.Replay replay -> replay(response, replay.answer());
            case KeyClaim.InProgress inProgress -> problem(response, keyProblem(HttpStatus.CONFLICT, IN_PROGRESS,
                    "Idempotency-Key in use", "A request with Idempotency-Key '" + key + "' is still being answered;"
                            + " send it again in a moment to get its answer"));
            case KeyClaim.Reused reused -> problem(response, keyProblem(HttpStatus.UNPROCESSABLE_CONTENT, KEY_REUSED,
                    "Idempotency-Key reused", "Idempotency-Key '" + key + "' was already used for a different request;"
                            + " send a new key for a new request"));
            case KeyClaim.Claimed claimed -> run(request, response, chain, body, claimed);
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body, KeyClaim.Claimed claimed)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        request.setAttribute(COMMAND_KEY, claimed.key());
        try {
            chain.doFilter(new CachedBodyRequest(request, body), answer);
        } catch (ServletException | IOException | RuntimeException | Error e) {
            keys.release(claimed);
            throw e;
        }
        if (answer.getStatus() >= 500) {
            keys.release(claimed);
        } else {
            keys.complete(claimed, new StoredAnswer(answer.getStatus(), answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                    new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)));
        }
        answer.copyBodyToResponse();
    }

    private static void replay(HttpServletResponse response, StoredAnswer answer) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader(REPLAYED, "true");
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Written here, ahead of any controller: the same shape as every other problem detail. */
    private void problem(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private static ProblemDetail keyProblem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setProperty("errors", List.of(new FieldProblem(HEADER, detail)));
        return problem;
    }

    /** The request with its body already read, so the controller reads it again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
