package app.sabai.therapist.planning;

import java.time.LocalDate;

/**
 * Ids of the day documents that hold reservations, one per resource and local date in the branch's zone.
 * Room and equipment ids are only unique within their branch, so their day ids carry the branch.
 */
public final class DayKeys {

    private DayKeys() {
    }

    public static String therapistDay(String therapistId, LocalDate date) {
        return therapistId + ":" + date;
    }

    public static String roomDay(String branchId, String roomId, LocalDate date) {
        return branchId + ":" + roomId + ":" + date;
    }

    public static String equipmentDay(String branchId, String unitId, LocalDate date) {
        return branchId + ":" + unitId + ":" + date;
    }
}
