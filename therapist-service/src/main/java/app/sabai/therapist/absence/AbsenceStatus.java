package app.sabai.therapist.absence;

/** {@code RECORDING} while its bookings are being re-planned; {@code RECORDED} once each has its outcome. */
public enum AbsenceStatus {
    RECORDING,
    RECORDED,
    WITHDRAWN
}
