package app.sabai.booking.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Intakes for tests: nothing to declare unless told otherwise. */
final class Intakes {

    private final Set<Condition> conditions = EnumSet.noneOf(Condition.class);
    private final List<Injury> injuries = new ArrayList<>();
    private final Set<Oil> allergies = EnumSet.noneOf(Oil.class);
    private Pregnancy pregnancy;
    private boolean breastfeeding;
    private RecentSurgery surgery;
    private String medication;
    private Integer age;

    static Intakes anIntake() {
        return new Intakes();
    }

    Intakes with(Condition... declared) {
        conditions.addAll(List.of(declared));
        return this;
    }

    Intakes injury(app.sabai.contracts.values.BodyArea area, boolean acute) {
        injuries.add(new Injury(area, acute, null));
        return this;
    }

    Intakes pregnantInWeek(int week) {
        pregnancy = new Pregnancy(week);
        return this;
    }

    Intakes breastfeeding() {
        breastfeeding = true;
        return this;
    }

    Intakes surgery(LocalDate date, boolean clearance) {
        surgery = new RecentSurgery(date, clearance);
        return this;
    }

    Intakes allergicTo(Oil... oils) {
        allergies.addAll(List.of(oils));
        return this;
    }

    Intakes medication(String text) {
        medication = text;
        return this;
    }

    Intakes age(int years) {
        age = years;
        return this;
    }

    Intake build() {
        return new Intake(conditions, injuries, pregnancy, breastfeeding, surgery, allergies, medication, age);
    }
}
