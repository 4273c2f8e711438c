package app.sabai.therapist.absence.adapter;

import app.sabai.therapist.absence.Absence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start, finishes the re-plans of absences that a stopped process left {@code RECORDING}: their
 * therapist is already blocked, so their bookings must not wait for staff to record the absence again.
 */
@Component
class AbsenceRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AbsenceRecovery.class);

    private final Absences absences;
    private final AbsenceService service;

    AbsenceRecovery(Absences absences, AbsenceService service) {
        this.absences = absences;
        this.service = service;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Absence absence : absences.interrupted()) {
            try {
                service.resume(absence);
                log.info("Finished the re-plan of absence {} of {} that a stop had interrupted", absence.absenceId(), absence.therapistId());
            } catch (RuntimeException e) {
                log.warn("Could not finish the re-plan of absence {} yet: {}", absence.absenceId(), e.getMessage());
            }
        }
    }
}
