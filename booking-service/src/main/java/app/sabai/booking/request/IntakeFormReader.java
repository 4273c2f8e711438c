package app.sabai.booking.request;

import app.sabai.booking.intake.Condition;
import app.sabai.booking.intake.Injury;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.Oil;
import app.sabai.booking.intake.Pregnancy;
import app.sabai.booking.intake.RecentSurgery;
import app.sabai.booking.request.BookingRequest.InjuryForm;
import app.sabai.booking.request.BookingRequest.IntakeForm;
import app.sabai.booking.request.BookingRequest.SurgeryForm;
import app.sabai.contracts.values.BodyArea;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Reads the intake part of a request into an {@link Intake}, noting every field at fault under {@code intake.}. */
final class IntakeFormReader {

    static final int MAX_PREGNANCY_WEEK = 42;
    static final int MAX_AGE = 120;
    static final int MAX_MEDICATION_LENGTH = 1000;

    private IntakeFormReader() {
    }

    /** {@code latestToday} is the latest calendar date anywhere on earth right now: no surgery date may be after it. */
    static Intake read(IntakeForm form, RequestProblems problems, LocalDate latestToday) {
        Set<Condition> conditions = EnumSet.noneOf(Condition.class);
        List<String> conditionNames = form.conditions() == null ? List.of() : form.conditions();
        for (int i = 0; i < conditionNames.size(); i++) {
            problems.oneOf(Condition.class, conditionNames.get(i), "intake.conditions[" + i + "]").ifPresent(conditions::add);
        }
        List<Injury> injuries = new ArrayList<>();
        List<InjuryForm> injuryForms = form.injuries() == null ? List.of() : form.injuries();
        for (int i = 0; i < injuryForms.size(); i++) {
            String field = "intake.injuries[" + i + "]";
            InjuryForm injury = injuryForms.get(i);
            if (injury == null) {
                problems.add(field, "must be an injury with area and acute");
                continue;
            }
            if (injury.area() == null || injury.area().isBlank()) {
                problems.add(field + ".area", "is required: one of " + RequestProblems.accepted(BodyArea.class));
                continue;
            }
            problems.oneOf(BodyArea.class, injury.area(), field + ".area").ifPresent(area ->
                    injuries.add(new Injury(area, Boolean.TRUE.equals(injury.acute()), trimmed(injury.description()))));
        }
        Pregnancy pregnancy = null;
        if (Boolean.TRUE.equals(form.pregnant())) {
            Integer week = form.pregnancyWeek();
            if (week == null) {
                problems.add("intake.pregnancyWeek", "is required when pregnant (1 to " + MAX_PREGNANCY_WEEK + ")");
            } else if (week < 1 || week > MAX_PREGNANCY_WEEK) {
                problems.add("intake.pregnancyWeek", "must be between 1 and " + MAX_PREGNANCY_WEEK);
            } else {
                pregnancy = new Pregnancy(week);
            }
        }
        RecentSurgery surgery = readSurgery(form.recentSurgery(), problems, latestToday);
        Set<Oil> allergies = EnumSet.noneOf(Oil.class);
        List<String> oils = form.allergies() == null ? List.of() : form.allergies();
        for (int i = 0; i < oils.size(); i++) {
            problems.oneOf(Oil.class, oils.get(i), "intake.allergies[" + i + "]").ifPresent(allergies::add);
        }
        String medication = trimmed(form.medication());
        if (medication != null && medication.length() > MAX_MEDICATION_LENGTH) {
            problems.add("intake.medication", "must be at most " + MAX_MEDICATION_LENGTH + " characters");
        }
        if (form.age() != null && (form.age() < 0 || form.age() > MAX_AGE)) {
            problems.add("intake.age", "must be between 0 and " + MAX_AGE);
        }
        return new Intake(conditions, injuries, pregnancy, Boolean.TRUE.equals(form.breastfeeding()), surgery, allergies,
                medication, form.age());
    }

    private static RecentSurgery readSurgery(SurgeryForm surgery, RequestProblems problems, LocalDate latestToday) {
        if (surgery == null) {
            return null;
        }
        if (surgery.date() == null || surgery.date().isBlank()) {
            problems.add("intake.recentSurgery.date", "is required: the date of the surgery, such as 2026-10-01");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(surgery.date().trim());
        } catch (DateTimeException e) {
            problems.add("intake.recentSurgery.date", "'" + surgery.date() + "' is not an ISO-8601 date, such as 2026-10-01");
            return null;
        }
        if (date.isAfter(latestToday)) {
            problems.add("intake.recentSurgery.date", "must not be in the future");
            return null;
        }
        return new RecentSurgery(date, Boolean.TRUE.equals(surgery.medicalClearance()));
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
