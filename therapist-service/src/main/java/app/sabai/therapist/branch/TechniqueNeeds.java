package app.sabai.therapist.branch;

import app.sabai.contracts.values.Technique;

import java.util.List;
import java.util.Optional;

/** What a technique needs besides a therapist (DOMAIN.md): the room it is done in and its equipment. */
public final class TechniqueNeeds {

    private TechniqueNeeds() {
    }

    /** The room kinds that can host the technique, best first. */
    public static List<RoomKind> roomKinds(Technique technique) {
        return switch (technique) {
            case THAI, SABAI, TOK_SEN -> List.of(RoomKind.MAT);
            case SWEDISH, DEEP_TISSUE, TRIGGER_POINT, MYOFASCIAL_RELEASE, LYMPHATIC_DRAINAGE, SPORTS, GUA_SHA,
                 HOT_STONE, AYURVEDIC, ACUPRESSURE, PRENATAL -> List.of(RoomKind.TABLE, RoomKind.DOUBLE);
        };
    }

    public static Optional<EquipmentKind> equipment(Technique technique) {
        return switch (technique) {
            case HOT_STONE -> Optional.of(EquipmentKind.STONE_HEATER);
            case TOK_SEN -> Optional.of(EquipmentKind.HAMMER_SET);
            default -> Optional.empty();
        };
    }
}
