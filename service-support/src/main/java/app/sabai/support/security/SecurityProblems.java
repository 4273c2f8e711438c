package app.sabai.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refusals as {@code application/problem+json}, like every other client mistake: {@code 401} when the request
 * carries no valid access token (saying why the token was refused), {@code 403} when the caller may not do this.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final String UNAUTHORIZED = "https://sabai.app/problems/unauthorized";
    public static final String FORBIDDEN = "https://sabai.app/problems/forbidden";

    private final JsonMapper json;

    public SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused) throws IOException {
        boolean sentToken = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        String detail = sentToken
                ? "The access token was refused: " + reason(refused)
                : "Sign in first: send an access token as 'Authorization: Bearer <token>'";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, sentToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        String roles = Caller.of(SecurityContextHolder.getContext().getAuthentication())
                .map(caller -> caller.roles().isEmpty() ? "no role" : caller.roles().stream().map(Role::name).sorted()
                        .collect(Collectors.joining(", ")))
                .orElse("no role");
        write(response, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden",
                "Signed in with " + roles + ": this is not open to you" + (isChange(request) && roles.equals("OPS")
                        ? " (operations read, and change nothing)" : ""));
    }

    private static boolean isChange(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
    }

    private static String reason(AuthenticationException refused) {
        if (refused instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            String description = oauth.getError().getDescription();
            if (description.contains("expired")) {
                return "it has expired";
            }
            if (description.contains("iss claim")) {
                return "it was issued by an issuer this platform does not trust";
            }
            if (description.contains("aud claim")) {
                return "it was not issued for Sabai (audience)";
            }
            if (description.contains("Malformed") || description.contains("decode")) {
                return "it is not a token this platform issued or can read";
            }
            return description;
        }
        return "it is not valid";
    }

    private void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
