package app.sabai.therapist.planning;

import java.util.Objects;

/**
 * One therapist, room or equipment unit: what a reservation holds. Therapists are unique across the
 * chain; rooms and equipment units only within their branch, so their id carries the branch.
 */
public record Resource(ResourceKind kind, String id) {

    public Resource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Resource therapist(String therapistId) {
        return new Resource(ResourceKind.THERAPIST, therapistId);
    }

    public static Resource room(String branchId, String roomId) {
        return new Resource(ResourceKind.ROOM, branchId + "/" + roomId);
    }

    public static Resource equipment(String branchId, String unitId) {
        return new Resource(ResourceKind.EQUIPMENT, branchId + "/" + unitId);
    }

    /**
     * Written out rather than generated: planning looks resources up in maps for every candidate at every start it tries,
     * and the generated methods go through method handles that the services' C1-compiled code does not inline.
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Resource resource && kind == resource.kind && id.equals(resource.id);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + id.hashCode();
    }

    /** The room's or unit's own id within its branch; a therapist's id. */
    public String localId() {
        int slash = id.indexOf('/');
        return kind == ResourceKind.THERAPIST || slash < 0 ? id : id.substring(slash + 1);
    }
}
