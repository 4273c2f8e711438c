package app.sabai.booking.request;

import app.sabai.support.web.FieldProblem;

import java.util.List;

/** The outcome of validating a waitlist request: a valid entry, or every problem found. */
public sealed interface WaitlistValidation {

    record Valid(ValidWaitlistEntry entry) implements WaitlistValidation {
    }

    record Invalid(List<FieldProblem> problems) implements WaitlistValidation {
    }
}
