package app.sabai.booking.intake.adapter;

import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;
import app.sabai.support.web.InvalidRequestException;
import org.springframework.security.access.AccessDeniedException;

import java.util.Locale;
import java.util.Optional;

/**
 * Whom a new booking, course or waitlist entry is for. A signed-in customer books for themselves: the email is the one
 * they signed in with (filled in when left out), and the file is theirs (their id is the token's subject). Staff book
 * for anyone at their own branches; an administrator anywhere.
 */
public record OnBehalf(Optional<String> signedInCustomer, CustomerForm customer) {

    public static OnBehalf of(Caller caller, String branchId, CustomerForm form) {
        if (caller.has(Role.STAFF) || caller.has(Role.ADMIN)) {
            if (branchId != null && !caller.actsAt(branchId)) {
                throw new AccessDeniedException("not staff of " + branchId);
            }
            return new OnBehalf(Optional.empty(), form);
        }
        if (!caller.has(Role.CUSTOMER)) {
            throw new AccessDeniedException("neither customer nor staff");
        }
        String signedInEmail = caller.email();
        CustomerForm customer = form == null
                ? new CustomerForm(caller.name(), signedInEmail, null, null, null)
                : new CustomerForm(form.name() == null ? caller.name() : form.name(),
                        form.email() == null ? signedInEmail : form.email(), form.phone(), form.language(), form.sms());
        if (signedInEmail != null && customer.email() != null
                && !CustomerFile.keyOf(customer.email()).equals(signedInEmail.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException("customer.email", "must be the email you signed in with (" + signedInEmail
                    + "), or left out");
        }
        return new OnBehalf(Optional.of(caller.subject()), customer);
    }

    /** The customer id to look up an intake on file with: the signed-in customer's, else the one the request named. */
    public String customerIdOr(String named) {
        return signedInCustomer.orElse(named);
    }
}
