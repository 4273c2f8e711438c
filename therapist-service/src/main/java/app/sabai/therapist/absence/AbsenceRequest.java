package app.sabai.therapist.absence;

/**
 * {@code POST /api/branches/{branchId}/therapists/{therapistId}/absences}. {@code from}/{@code to} are
 * instants with an offset, local date-times in the branch's zone, or local dates (a whole day: {@code from}
 * at its start, {@code to} at its end). {@code reason} is SICK, LEAVE, TRAINING or OTHER.
 */
public record AbsenceRequest(String from, String to, String reason, String note) {
}
