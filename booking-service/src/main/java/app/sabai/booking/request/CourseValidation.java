package app.sabai.booking.request;

import app.sabai.support.web.FieldProblem;

import java.util.List;

/** The outcome of validating a course request: a valid course, or every problem found. */
public sealed interface CourseValidation {

    record Valid(ValidCourse course) implements CourseValidation {
    }

    record Invalid(List<FieldProblem> problems) implements CourseValidation {
    }
}
