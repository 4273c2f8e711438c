package app.sabai.identity.token.adapter;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /auth/token} with form fields {@code username} and {@code password}: an access token for a demo
 * user, for curl and scripts. Absent unless demo mode is on.
 */
@RestController
@ConditionalOnBooleanProperty("sabai.identity.demo.enabled")
class DemoTokenController {

    static final URI INVALID_REQUEST = URI.create("https://sabai.app/problems/invalid-request");
    static final URI INVALID_CREDENTIALS = URI.create("https://sabai.app/problems/invalid-credentials");

    /** The answer, in the shape of an OAuth token response. */
    record TokenAnswer(@JsonProperty("access_token") String accessToken,
                       @JsonProperty("token_type") String tokenType,
                       @JsonProperty("expires_in") long expiresIn) {
    }

    record FieldProblem(String field, String message) {
    }

    private final DemoTokens tokens;

    DemoTokenController(DemoTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/auth/token")
    ResponseEntity<?> token(@RequestParam(required = false) String username, @RequestParam(required = false) String password) {
        List<FieldProblem> missing = new ArrayList<>();
        if (username == null || username.isBlank()) {
            missing.add(new FieldProblem("username", "is required"));
        }
        if (password == null || password.isEmpty()) {
            missing.add(new FieldProblem("password", "is required"));
        }
        if (!missing.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, missing.size() == 1
                    ? missing.getFirst().field() + ": " + missing.getFirst().message()
                    : missing.size() + " fields are invalid");
            problem.setType(INVALID_REQUEST);
            problem.setTitle("Invalid request");
            problem.setProperty("errors", missing);
            return problem(problem);
        }
        Jwt token;
        try {
            token = tokens.issue(username, password);
        } catch (AuthenticationException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "username or password is wrong");
            problem.setType(INVALID_CREDENTIALS);
            problem.setTitle("Invalid credentials");
            return problem(problem);
        }
        long expiresIn = Duration.between(token.getIssuedAt(), token.getExpiresAt()).toSeconds();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenAnswer(token.getTokenValue(), "Bearer", expiresIn));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
