package app.sabai.booking.intake;

import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Technique;

import java.time.LocalDate;
import java.util.List;

/** The session the intake is screened for: technique, targeted areas and the local date it takes place. */
public record SessionToScreen(Technique technique, List<BodyArea> areas, LocalDate date) {

    public SessionToScreen {
        areas = List.copyOf(areas);
    }
}
