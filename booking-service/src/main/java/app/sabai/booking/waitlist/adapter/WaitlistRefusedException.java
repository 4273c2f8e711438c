package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.waitlist.WaitlistEntry;
import app.sabai.booking.waitlist.WaitlistStatus;

import java.util.List;

/** A command the waitlist entry's status does not allow: 409 naming the status and what is possible instead; nothing changes. */
class WaitlistRefusedException extends RuntimeException {

    private final WaitlistStatus status;
    private final List<String> allowed;

    WaitlistRefusedException(String waitlistId, WaitlistStatus status, String action) {
        super(detail(waitlistId, status, action));
        this.status = status;
        this.allowed = WaitlistEntry.actionsIn(status);
    }

    WaitlistStatus status() {
        return status;
    }

    List<String> allowed() {
        return allowed;
    }

    private static String detail(String waitlistId, WaitlistStatus status, String action) {
        List<String> allowed = WaitlistEntry.actionsIn(status);
        String when = switch (action) {
            case "acceptance", "decline" -> "OFFERED";
            default -> "WAITING or OFFERED";
        };
        return "Waitlist entry " + waitlistId + " is " + status + ": a " + action + " is possible only when it is " + when + "."
                + (allowed.isEmpty() ? " Nothing can change it any more." : " Possible now: " + String.join(", ", allowed) + ".");
    }
}
