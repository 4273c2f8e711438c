package app.sabai.booking.intake.adapter;

import app.sabai.booking.intake.Intake;
import app.sabai.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * {@code GET /api/me/intake}: the health answers on the signed-in customer's file, which a booking without an intake
 * is screened with, so a booking form can show them. Both fields are null until the customer first gives them.
 */
@RestController
class IntakeOnFileController {

    private final CustomerFile customers;

    IntakeOnFileController(CustomerFile customers) {
        this.customers = customers;
    }

    record IntakeOnFile(Intake intake, Instant recordedAt) {
    }

    @GetMapping("/api/me/intake")
    IntakeOnFile mine(Caller caller) {
        return customers.export(caller.subject())
                .map(file -> new IntakeOnFile(file.intake(), file.intakeRecordedAt()))
                .orElse(new IntakeOnFile(null, null));
    }
}
