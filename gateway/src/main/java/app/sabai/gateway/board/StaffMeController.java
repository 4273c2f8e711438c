package app.sabai.gateway.board;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/staff/me}: the signed-in caller's roles and branches, read from their token by the gateway itself,
 * so the staff board offers only the branches its user may act on. Any signed-in caller may ask (the security chain
 * sees to that); a customer learns they have no branch.
 */
@RestController
class StaffMeController {

    /** {@code everyBranch}: operations and administrators, who read every branch and are listed under none. */
    record Me(String name, Set<String> roles, List<String> branches, boolean everyBranch) {
    }

    @GetMapping("/api/staff/me")
    Me me(Authentication caller) {
        StaffCaller staff = StaffCaller.of(caller);
        return new Me(staff.name(), staff.roles(), staff.branches(), staff.everyBranch());
    }
}
