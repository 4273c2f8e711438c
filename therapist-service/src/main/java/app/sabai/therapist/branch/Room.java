package app.sabai.therapist.branch;

public record Room(String id, String name, RoomKind kind) {
}
