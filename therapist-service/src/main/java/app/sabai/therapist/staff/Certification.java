package app.sabai.therapist.staff;

/** Qualifications beyond technique skills that the intake screening can demand. */
public enum Certification {
    /** Required for any session with a pregnant client. */
    PRENATAL
}
