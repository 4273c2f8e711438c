package app.sabai.booking.request;

import app.sabai.support.web.FieldProblem;

import java.util.List;

/** The outcome of validating a request: a valid booking, or every problem found. */
public sealed interface Validation {

    record Valid(ValidBooking booking) implements Validation {
    }

    record Invalid(List<FieldProblem> problems) implements Validation {
    }
}
