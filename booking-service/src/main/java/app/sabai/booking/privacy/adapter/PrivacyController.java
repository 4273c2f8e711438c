package app.sabai.booking.privacy.adapter;

import app.sabai.booking.privacy.CustomerErased;
import app.sabai.booking.privacy.CustomerExport;
import app.sabai.support.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in customer's own data: {@code GET /api/me/export} gives everything kept about them as one JSON document;
 * {@code DELETE /api/me} erases it (the bookings still to come are cancelled first). Both are theirs alone.
 */
@RestController
class PrivacyController {

    private final CustomerErasure erasure;

    PrivacyController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    @GetMapping("/api/me/export")
    ResponseEntity<CustomerExport> export(Caller caller) {
        CustomerExport export = erasure.export(caller.subject());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sabai-" + caller.subject() + ".json\"")
                .body(export);
    }

    @DeleteMapping("/api/me")
    CustomerErased erase(Caller caller) {
        return erasure.erase(caller.subject());
    }
}
