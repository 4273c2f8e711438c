package app.sabai.therapist.branch;

import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.branches.GeoPoint;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.LocalTimes;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A salon of the chain, or a mobile service that visits homes in its service area. A mobile branch has
 * no rooms or equipment (the therapist carries the kit) and blocks travel time around every visit.
 */
public record Branch(
        String id,
        String name,
        ZoneId zone,
        String address,
        List<OpeningHours> openingHours,
        int changeoverMinutes,
        List<Room> rooms,
        List<EquipmentUnit> equipment,
        List<TechniqueOffer> techniques,
        boolean mobile,
        ServiceArea serviceArea,
        int travelMinutes,
        List<LocalDate> closedDates,
        GeoPoint location,
        String currency,
        CancellationPolicy policy) {

    public Branch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        openingHours = openingHours == null ? List.of()
                : openingHours.stream().sorted(Comparator.comparing(OpeningHours::day)).toList();
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        equipment = equipment == null ? List.of() : List.copyOf(equipment);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
        closedDates = closedDates == null ? List.of() : closedDates.stream().distinct().sorted().toList();
        policy = policy == null ? CancellationPolicy.standard() : policy;
        if (changeoverMinutes < 0 || travelMinutes < 0) {
            throw new IllegalArgumentException("Changeover and travel minutes cannot be negative");
        }
    }

    public Branch(String id, String name, ZoneId zone, String address, List<OpeningHours> openingHours, int changeoverMinutes,
                  List<Room> rooms, List<EquipmentUnit> equipment, List<TechniqueOffer> techniques, boolean mobile,
                  ServiceArea serviceArea, int travelMinutes) {
        this(id, name, zone, address, openingHours, changeoverMinutes, rooms, equipment, techniques, mobile, serviceArea, travelMinutes,
                List.of(), null, null, null);
    }

    public boolean closedOn(LocalDate date) {
        return closedDates.contains(date);
    }

    public Optional<TechniqueOffer> offer(Technique technique) {
        for (TechniqueOffer offer : techniques) {
            if (offer.technique() == technique) {
                return Optional.of(offer);
            }
        }
        return Optional.empty();
    }

    public boolean offers(Technique technique) {
        return offer(technique).isPresent();
    }

    /** The hours of a date: none on a closed date (a public holiday) or a weekday it does not open. */
    public Optional<OpeningHours> hoursOn(LocalDate date) {
        if (closedOn(date)) {
            return Optional.empty();
        }
        DayOfWeek day = date.getDayOfWeek();
        for (OpeningHours hours : openingHours) {
            if (hours.day() == day) {
                return Optional.of(hours);
            }
        }
        return Optional.empty();
    }

    /** The opening hours of a date as instants, empty when the branch is closed that day. */
    public Optional<Interval> openOn(LocalDate date) {
        return hoursOn(date).map(hours -> new Interval(
                LocalTimes.boundary(date, hours.opens(), zone), LocalTimes.boundary(date, hours.closes(), zone)));
    }

    public LocalDate localDateOf(Instant instant) {
        return LocalTimes.dateOf(instant, zone);
    }

    /**
     * The time a session keeps its therapist, room and equipment from other work: changeover (cleaning,
     * notes, fresh linen) after it in a salon; for a home visit, travel before it and packing up plus
     * travel after it.
     */
    public Interval blockedFor(Interval session) {
        Duration changeover = Duration.ofMinutes(changeoverMinutes);
        if (!mobile) {
            return session.widen(Duration.ZERO, changeover);
        }
        Duration travel = Duration.ofMinutes(travelMinutes);
        return session.widen(travel, changeover.plus(travel));
    }

    public List<Room> roomsFor(Technique technique) {
        List<RoomKind> kinds = TechniqueNeeds.roomKinds(technique);
        return rooms.stream().filter(room -> kinds.contains(room.kind()))
                .sorted(Comparator.comparingInt(room -> kinds.indexOf(room.kind())))
                .toList();
    }

    public List<EquipmentUnit> unitsOf(EquipmentKind kind) {
        return equipment.stream().filter(unit -> unit.kind() == kind).toList();
    }

    public BranchCatalogued catalogued(UUID eventId, Instant occurredAt) {
        return new BranchCatalogued(eventId, occurredAt, id, name, zone, address, openingHours, techniques,
                changeoverMinutes, mobile, serviceArea, travelMinutes, closedDates, location, currency, policy);
    }
}
