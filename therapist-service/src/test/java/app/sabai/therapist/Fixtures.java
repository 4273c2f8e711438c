package app.sabai.therapist;

import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.branches.GeoPoint;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.Price;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentKind;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.RoomKind;
import app.sabai.therapist.staff.Certification;
import app.sabai.therapist.staff.Level;
import app.sabai.therapist.staff.Therapist;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Test data with sensible defaults, changed one property at a time. */
public final class Fixtures {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private Fixtures() {
    }

    /** Open 09:00–21:00 every day, 15 minutes changeover, two table rooms, a mat room, a double room, one heater, one hammer set. */
    public static BranchBuilder salon(String id) {
        return new BranchBuilder(id);
    }

    public static TherapistBuilder therapist(String id, String branchId) {
        return new TherapistBuilder(id, branchId);
    }

    public static final class BranchBuilder {
        private final String id;
        private ZoneId zone = LONDON;
        private LocalTime opens = LocalTime.of(9, 0);
        private LocalTime closes = LocalTime.of(21, 0);
        private int changeover = 15;
        private List<Room> rooms = new ArrayList<>(List.of(
                new Room("table-1", "Table 1", RoomKind.TABLE),
                new Room("double-1", "Double 1", RoomKind.DOUBLE),
                new Room("table-2", "Table 2", RoomKind.TABLE),
                new Room("mat-1", "Mat 1", RoomKind.MAT)));
        private List<EquipmentUnit> equipment = new ArrayList<>(List.of(
                new EquipmentUnit("heater-1", "Stone heater 1", EquipmentKind.STONE_HEATER),
                new EquipmentUnit("hammers-1", "Hammer set 1", EquipmentKind.HAMMER_SET)));
        private List<Technique> techniques = Arrays.asList(Technique.values());
        private boolean mobile;
        private int travel;
        private DayOfWeek closedOn;
        private final List<LocalDate> closedDates = new ArrayList<>();
        private GeoPoint location;

        private BranchBuilder(String id) {
            this.id = id;
        }

        public BranchBuilder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public BranchBuilder hours(LocalTime opens, LocalTime closes) {
            this.opens = opens;
            this.closes = closes;
            return this;
        }

        public BranchBuilder closedOn(DayOfWeek day) {
            this.closedOn = day;
            return this;
        }

        /** Closed on that date (a public holiday), whatever the weekday. */
        public BranchBuilder closedOnDate(LocalDate date) {
            this.closedDates.add(date);
            return this;
        }

        public BranchBuilder at(double latitude, double longitude) {
            this.location = new GeoPoint(latitude, longitude);
            return this;
        }

        public BranchBuilder changeover(int minutes) {
            this.changeover = minutes;
            return this;
        }

        public BranchBuilder rooms(Room... rooms) {
            this.rooms = List.of(rooms);
            return this;
        }

        public BranchBuilder equipment(EquipmentUnit... units) {
            this.equipment = List.of(units);
            return this;
        }

        public BranchBuilder offering(Technique... techniques) {
            this.techniques = List.of(techniques);
            return this;
        }

        public BranchBuilder mobile(int travelMinutes) {
            this.mobile = true;
            this.travel = travelMinutes;
            this.rooms = List.of();
            this.equipment = List.of();
            return this;
        }

        public Branch build() {
            List<OpeningHours> hours = Arrays.stream(DayOfWeek.values()).filter(day -> day != closedOn)
                    .map(day -> new OpeningHours(day, opens, closes)).toList();
            List<TechniqueOffer> offers = techniques.stream()
                    .map(technique -> new TechniqueOffer(technique, List.of(30, 60, 75, 90, 120),
                            List.of(new Price(30, 3500), new Price(60, 6500), new Price(75, 8000), new Price(90, 9500), new Price(120, 12000))))
                    .toList();
            return new Branch(id, "Branch " + id, zone, "1 Test Street", hours, changeover, rooms, equipment, offers, mobile,
                    mobile ? new ServiceArea("Test area", List.of("L1", "CH41")) : null, travel, closedDates, location, "GBP",
                    CancellationPolicy.standard());
        }
    }

    public static final class TherapistBuilder {
        private final String id;
        private final String branchId;
        private String name;
        private Gender gender = Gender.FEMALE;
        private Level level = Level.JUNIOR;
        private Set<Technique> skills = EnumSet.of(Technique.SWEDISH, Technique.THAI, Technique.HOT_STONE, Technique.TOK_SEN);
        private final Set<Certification> certifications = EnumSet.noneOf(Certification.class);
        private final List<String> covering = new ArrayList<>();

        private TherapistBuilder(String id, String branchId) {
            this.id = id;
            this.branchId = branchId;
            this.name = "Therapist " + id;
        }

        public TherapistBuilder named(String name) {
            this.name = name;
            return this;
        }

        public TherapistBuilder gender(Gender gender) {
            this.gender = gender;
            return this;
        }

        public TherapistBuilder senior() {
            this.level = Level.SENIOR;
            return this;
        }

        public TherapistBuilder prenatal() {
            this.certifications.add(Certification.PRENATAL);
            return this;
        }

        public TherapistBuilder skills(Technique... skills) {
            this.skills = EnumSet.copyOf(List.of(skills));
            return this;
        }

        public TherapistBuilder covering(String otherBranchId) {
            this.covering.add(otherBranchId);
            return this;
        }

        public Therapist build() {
            return new Therapist(id, name, gender, branchId, covering, skills, certifications, level);
        }
    }
}
