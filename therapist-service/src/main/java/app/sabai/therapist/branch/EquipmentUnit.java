package app.sabai.therapist.branch;

public record EquipmentUnit(String id, String name, EquipmentKind kind) {
}
