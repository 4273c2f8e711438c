package app.sabai.therapist.schedule;

import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.planning.DayKeys;
import app.sabai.therapist.staff.Therapist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The day documents a decision at a branch can touch on some dates, per ledger. */
public record DayIds(List<String> therapistDays, List<String> roomDays, List<String> equipmentDays) {

    public static DayIds of(Branch branch, List<Therapist> therapists, List<LocalDate> dates) {
        List<String> therapistDays = new ArrayList<>();
        List<String> roomDays = new ArrayList<>();
        List<String> equipmentDays = new ArrayList<>();
        for (LocalDate date : dates) {
            for (Therapist therapist : therapists) {
                therapistDays.add(DayKeys.therapistDay(therapist.id(), date));
            }
            for (Room room : branch.rooms()) {
                roomDays.add(DayKeys.roomDay(branch.id(), room.id(), date));
            }
            for (EquipmentUnit unit : branch.equipment()) {
                equipmentDays.add(DayKeys.equipmentDay(branch.id(), unit.id(), date));
            }
        }
        return new DayIds(List.copyOf(therapistDays), List.copyOf(roomDays), List.copyOf(equipmentDays));
    }

    public List<String> of(Ledger ledger) {
        return switch (ledger) {
            case THERAPISTS -> therapistDays;
            case ROOMS -> roomDays;
            case EQUIPMENT -> equipmentDays;
        };
    }
}
