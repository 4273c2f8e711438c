package app.sabai.identity.token;

import app.sabai.identity.users.DemoUsers;
import app.sabai.identity.users.Role;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SabaiClaimsTest {

    @Test
    void aCustomerIsTheirIdWithNameEmailAndRoleButNoBranches() {
        assertThat(SabaiClaims.of(DemoUsers.CUSTOMER)).containsExactly(
                entry("sub", "c0ffee00-0000-4000-8000-000000000001"),
                entry("name", "Dao Srisuk"),
                entry("email", "customer@sabai.example"),
                entry("roles", List.of("CUSTOMER")));
    }

    @Test
    void staffCarryTheirBranchesAndNoEmail() {
        assertThat(SabaiClaims.of(DemoUsers.STAFF_LIVERPOOL))
                .containsEntry("sub", DemoUsers.STAFF_LIVERPOOL.id())
                .containsEntry("roles", List.of("STAFF"))
                .containsEntry("branches", List.of("liverpool", "merseyside-mobile"))
                .doesNotContainKey("email");
    }

    @Test
    void operationsAndAdminsHaveNoBranches() {
        assertThat(SabaiClaims.of(DemoUsers.OPS)).containsEntry("roles", List.of("OPS")).doesNotContainKeys("branches", "email");
        assertThat(SabaiClaims.of(DemoUsers.ADMIN)).containsEntry("roles", List.of("ADMIN")).doesNotContainKeys("branches", "email");
    }

    @Test
    void aMachineClientIsItsOwnSubject() {
        assertThat(SabaiClaims.ofClient("sabai-monitor", List.of(Role.OPS))).containsExactly(
                entry("sub", "sabai-monitor"), entry("name", "sabai-monitor"), entry("roles", List.of("OPS")));
    }

    @Test
    void everyAccessTokenIsForThePlatformAsWellAsItsClient() {
        assertThat(SabaiClaims.audience("sabai-gateway")).containsExactly("sabai-gateway", "sabai");
    }

    private static Map.Entry<String, Object> entry(String name, Object value) {
        return Map.entry(name, value);
    }
}
