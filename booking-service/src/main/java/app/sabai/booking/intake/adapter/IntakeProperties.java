package app.sabai.booking.intake.adapter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sabai.intake.*}: how many weeks after a surgery a session needs a medical clearance (default 6). */
@ConfigurationProperties("sabai.intake")
public record IntakeProperties(Integer surgeryWeeks) {

    public IntakeProperties {
        surgeryWeeks = surgeryWeeks == null || surgeryWeeks < 0 ? 6 : surgeryWeeks;
    }
}
