package app.sabai.identity.users;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoUsersTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9000", "http://LOCALHOST:9000", "http://127.0.0.1:9000", "http://[::1]:9000",
            "https://localhost"})
    void demoUsersAreAllowedWithAnIssuerOnThisMachine(String issuer) {
        assertThat(DemoUsers.refusal(issuer)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://id.sabai.example", "http://192.168.1.20:9000", "http://localhost.sabai.example:9000",
            "http://127.0.0.2:9000", "not a url"})
    void demoUsersAreRefusedWithAnyOtherIssuerSayingWhy(String issuer) {
        assertThat(DemoUsers.refusal(issuer)).hasValueSatisfying(reason -> assertThat(reason)
                .contains(issuer).contains("not on this machine").contains("localhost, 127.0.0.1 or ::1"));
    }

    @Test
    void demoUsersAreRefusedWithoutAnIssuer() {
        assertThat(DemoUsers.refusal(null)).hasValueSatisfying(reason -> assertThat(reason).contains("no issuer is configured"));
        assertThat(DemoUsers.refusal(" ")).isPresent();
    }

    @Test
    void eachPasswordIsTheUserName() {
        assertThat(DemoUsers.ALL).allSatisfy(user -> assertThat(DemoUsers.password(user)).isEqualTo(user.username()));
    }

    @Test
    void onlyStaffHaveBranches() {
        assertThatThrownBy(() -> new SabaiUser("id", "x", "X", null, List.of(Role.OPS), List.of("liverpool")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not STAFF");
    }
}
