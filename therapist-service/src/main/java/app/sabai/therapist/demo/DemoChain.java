package app.sabai.therapist.demo;

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
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.WeeklyShift;
import app.sabai.therapist.staff.Certification;
import app.sabai.therapist.staff.Level;
import app.sabai.therapist.staff.Therapist;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static app.sabai.contracts.values.Technique.ACUPRESSURE;
import static app.sabai.contracts.values.Technique.AYURVEDIC;
import static app.sabai.contracts.values.Technique.DEEP_TISSUE;
import static app.sabai.contracts.values.Technique.GUA_SHA;
import static app.sabai.contracts.values.Technique.HOT_STONE;
import static app.sabai.contracts.values.Technique.LYMPHATIC_DRAINAGE;
import static app.sabai.contracts.values.Technique.MYOFASCIAL_RELEASE;
import static app.sabai.contracts.values.Technique.PRENATAL;
import static app.sabai.contracts.values.Technique.SABAI;
import static app.sabai.contracts.values.Technique.SPORTS;
import static app.sabai.contracts.values.Technique.SWEDISH;
import static app.sabai.contracts.values.Technique.THAI;
import static app.sabai.contracts.values.Technique.TOK_SEN;
import static app.sabai.contracts.values.Technique.TRIGGER_POINT;

/**
 * The demo chain in one place: three salons and a mobile service, their teams, and the rota that
 * is each therapist's weekly pattern. The branch ids are relied on by the launcher and the
 * system tests.
 *
 * <p>The rota, the same every week: the n-th therapist of a team is off on weekdays n and n+1 (Monday = 0,
 * wrapping), so each day at most two of a team are off. A therapist who covers another branch works there on their
 * cover day. Whoever works at a branch on a date takes, alternately, the early shift (eight hours from
 * opening) or the late one (eight hours to closing), so every day has both.
 */
public final class DemoChain {

    public static final String LIVERPOOL = "liverpool";
    public static final String BANGKOK = "bangkok-sukhumvit";
    public static final String NEW_YORK = "new-york-soho";
    public static final String MERSEYSIDE_MOBILE = "merseyside-mobile";

    public static final int SHIFT_DAYS = 14;
    private static final Duration SHIFT_LENGTH = Duration.ofHours(8);

    private DemoChain() {
    }

    // ---------------------------------------------------------------- branches

    public static List<Branch> branches() {
        return List.of(liverpool(), bangkok(), newYork(), merseysideMobile());
    }

    static Branch liverpool() {
        return new Branch(LIVERPOOL, "Sabai Liverpool, Bold Street", ZoneId.of("Europe/London"),
                "42 Bold Street, Liverpool L1 4DS, United Kingdom",
                week(LocalTime.of(9, 0), LocalTime.of(21, 0),
                        Map.of(DayOfWeek.SATURDAY, hours(9, 0, 19, 0), DayOfWeek.SUNDAY, hours(10, 0, 17, 0))),
                15,
                List.of(new Room("garden", "Garden Room", RoomKind.TABLE),
                        new Room("mersey", "Mersey Room", RoomKind.TABLE),
                        new Room("cavern", "Cavern Room", RoomKind.TABLE),
                        new Room("mat", "Thai Mat Room", RoomKind.MAT),
                        new Room("couples", "Couples Suite", RoomKind.DOUBLE)),
                List.of(new EquipmentUnit("heater-1", "Stone heater", EquipmentKind.STONE_HEATER)),
                priced(110, offer(SWEDISH, 30, 60, 90), offer(DEEP_TISSUE, 60, 90), offer(TRIGGER_POINT, 30, 60),
                        offer(MYOFASCIAL_RELEASE, 60), offer(LYMPHATIC_DRAINAGE, 60), offer(SPORTS, 30, 60),
                        offer(THAI, 60, 90, 120), offer(HOT_STONE, 75, 90), offer(AYURVEDIC, 60, 90),
                        offer(ACUPRESSURE, 30, 60), offer(PRENATAL, 60)),
                false, null, 0, List.of(), new GeoPoint(53.4027, -2.9791), "GBP", CancellationPolicy.standard());
    }

    static Branch bangkok() {
        return new Branch(BANGKOK, "Sabai Sukhumvit", ZoneId.of("Asia/Bangkok"),
                "24 Sukhumvit Soi 24, Khlong Tan, Khlong Toei, Bangkok 10110, Thailand",
                week(LocalTime.of(10, 0), LocalTime.of(22, 0), Map.of()),
                10,
                List.of(new Room("lotus", "Lotus Room", RoomKind.TABLE),
                        new Room("orchid", "Orchid Room", RoomKind.TABLE),
                        new Room("mat-1", "Mat Room 1", RoomKind.MAT),
                        new Room("mat-2", "Mat Room 2", RoomKind.MAT),
                        new Room("mat-3", "Mat Room 3", RoomKind.MAT),
                        new Room("jasmine", "Jasmine Suite", RoomKind.DOUBLE)),
                List.of(new EquipmentUnit("heater-1", "Stone heater", EquipmentKind.STONE_HEATER),
                        new EquipmentUnit("hammers-1", "Tok Sen hammer set", EquipmentKind.HAMMER_SET)),
                priced(1000, offer(THAI, 60, 90, 120), offer(SABAI, 60, 90), offer(TOK_SEN, 60), offer(GUA_SHA, 30, 45),
                        offer(HOT_STONE, 75, 90), offer(AYURVEDIC, 60, 90), offer(ACUPRESSURE, 30, 60),
                        offer(SWEDISH, 30, 60, 90), offer(PRENATAL, 60)),
                false, null, 0, List.of(), new GeoPoint(13.7262, 100.5697), "THB", new CancellationPolicy(12, 50, 100));
    }

    static Branch newYork() {
        return new Branch(NEW_YORK, "Sabai SoHo", ZoneId.of("America/New_York"),
                "118 Prince Street, New York, NY 10012, United States",
                week(LocalTime.of(9, 0), LocalTime.of(21, 0), Map.of(DayOfWeek.SUNDAY, hours(10, 0, 19, 0))),
                15,
                List.of(new Room("hudson", "Hudson Room", RoomKind.TABLE),
                        new Room("bowery", "Bowery Room", RoomKind.TABLE),
                        new Room("mercer", "Mercer Room", RoomKind.TABLE),
                        new Room("greene", "Greene Room", RoomKind.TABLE),
                        new Room("spring", "Spring Mat Room", RoomKind.MAT),
                        new Room("loft", "Loft Couples Suite", RoomKind.DOUBLE)),
                List.of(new EquipmentUnit("heater-1", "Stone heater 1", EquipmentKind.STONE_HEATER),
                        new EquipmentUnit("heater-2", "Stone heater 2", EquipmentKind.STONE_HEATER)),
                priced(217, offer(SWEDISH, 30, 60, 90), offer(DEEP_TISSUE, 60, 90), offer(TRIGGER_POINT, 30, 60),
                        offer(MYOFASCIAL_RELEASE, 60), offer(SPORTS, 30, 60), offer(HOT_STONE, 75, 90),
                        offer(LYMPHATIC_DRAINAGE, 60), offer(PRENATAL, 60), offer(GUA_SHA, 30, 45), offer(THAI, 60, 90)),
                false, null, 0, List.of(), new GeoPoint(40.7250, -73.9989), "USD", new CancellationPolicy(24, 100, 100));
    }

    static Branch merseysideMobile() {
        List<String> districts = new ArrayList<>();
        districts.addAll(districts("L", 1, 40));
        districts.addAll(districts("CH", 41, 49));
        districts.addAll(districts("CH", 60, 66));
        districts.addAll(districts("WA", 1, 16));
        districts.addAll(districts("CW", 8, 10));
        return new Branch(MERSEYSIDE_MOBILE, "Sabai Mobile: Merseyside, the Wirral and North Cheshire", ZoneId.of("Europe/London"),
                "Home visits; base: 42 Bold Street, Liverpool L1 4DS, United Kingdom",
                week(LocalTime.of(8, 0), LocalTime.of(20, 0), Map.of(DayOfWeek.SUNDAY, hours(9, 0, 18, 0))),
                10, List.of(), List.of(),
                priced(140, offer(SWEDISH, 60, 90), offer(DEEP_TISSUE, 60, 90), offer(SPORTS, 60), offer(LYMPHATIC_DRAINAGE, 60),
                        offer(AYURVEDIC, 60, 90), offer(THAI, 60, 90), offer(PRENATAL, 60)),
                true, new ServiceArea("Merseyside, the Wirral and North Cheshire", districts), 30, List.of(),
                new GeoPoint(53.4027, -2.9791), "GBP", new CancellationPolicy(48, 50, 100));
    }

    // ---------------------------------------------------------------- teams (rota order matters)

    private static final List<Member> TEAMS = List.of(
            // Liverpool
            member(LIVERPOOL, 0, "lpl-siobhan-kelly", "Siobhan Kelly", Gender.FEMALE, Level.SENIOR, prenatal(),
                    SWEDISH, DEEP_TISSUE, HOT_STONE, PRENATAL, LYMPHATIC_DRAINAGE, AYURVEDIC),
            member(LIVERPOOL, 1, "lpl-callum-doyle", "Callum Doyle", Gender.MALE, Level.JUNIOR, none(),
                    SWEDISH, SPORTS, DEEP_TISSUE, TRIGGER_POINT),
            member(LIVERPOOL, 2, "lpl-niamh-byrne", "Niamh Byrne", Gender.FEMALE, Level.SENIOR, none(),
                    SWEDISH, HOT_STONE, AYURVEDIC, MYOFASCIAL_RELEASE, ACUPRESSURE),
            member(LIVERPOOL, 3, "lpl-priya-raman", "Priya Raman", Gender.FEMALE, Level.JUNIOR, prenatal(),
                    SWEDISH, AYURVEDIC, LYMPHATIC_DRAINAGE, ACUPRESSURE, PRENATAL),
            member(LIVERPOOL, 4, "lpl-malee-jones", "Malee Jones", Gender.FEMALE, Level.SENIOR, none(),
                    THAI, SWEDISH, HOT_STONE, ACUPRESSURE),
            member(LIVERPOOL, 5, "lpl-jamie-walsh", "Jamie Walsh", Gender.NON_BINARY, Level.JUNIOR, none(),
                    SWEDISH, SPORTS, TRIGGER_POINT, MYOFASCIAL_RELEASE),
            member(LIVERPOOL, 6, "lpl-danny-oconnor", "Danny O'Connor", Gender.MALE, Level.SENIOR, none(),
                    DEEP_TISSUE, SPORTS, THAI, SWEDISH, MYOFASCIAL_RELEASE)
                    .covering(MERSEYSIDE_MOBILE, DayOfWeek.WEDNESDAY),
            // Bangkok
            member(BANGKOK, 0, "bkk-somchai-wongsawat", "Somchai Wongsawat", Gender.MALE, Level.SENIOR, none(),
                    THAI, SABAI, TOK_SEN, ACUPRESSURE),
            member(BANGKOK, 1, "bkk-ploy-srisuk", "Ploy Srisuk", Gender.FEMALE, Level.JUNIOR, none(),
                    THAI, SABAI, GUA_SHA, SWEDISH),
            member(BANGKOK, 2, "bkk-nattaya-chaiyaporn", "Nattaya Chaiyaporn", Gender.FEMALE, Level.SENIOR, prenatal(),
                    THAI, HOT_STONE, AYURVEDIC, PRENATAL, SWEDISH),
            member(BANGKOK, 3, "bkk-anan-boonmee", "Anan Boonmee", Gender.MALE, Level.JUNIOR, none(),
                    THAI, SABAI, TOK_SEN, GUA_SHA),
            member(BANGKOK, 4, "bkk-kanya-rattanakosin", "Kanya Rattanakosin", Gender.FEMALE, Level.SENIOR, none(),
                    THAI, SABAI, ACUPRESSURE, HOT_STONE, AYURVEDIC),
            member(BANGKOK, 5, "bkk-pim-suwannarat", "Pim Suwannarat", Gender.FEMALE, Level.JUNIOR, prenatal(),
                    THAI, SWEDISH, GUA_SHA, PRENATAL),
            member(BANGKOK, 6, "bkk-arthit-phromma", "Arthit Phromma", Gender.MALE, Level.SENIOR, none(),
                    THAI, TOK_SEN, SABAI, ACUPRESSURE, GUA_SHA),
            // New York
            member(NEW_YORK, 0, "nyc-maria-gonzalez", "Maria Gonzalez", Gender.FEMALE, Level.SENIOR, prenatal(),
                    SWEDISH, DEEP_TISSUE, PRENATAL, LYMPHATIC_DRAINAGE),
            member(NEW_YORK, 1, "nyc-tyrone-jackson", "Tyrone Jackson", Gender.MALE, Level.SENIOR, none(),
                    SPORTS, DEEP_TISSUE, TRIGGER_POINT, MYOFASCIAL_RELEASE, SWEDISH),
            member(NEW_YORK, 2, "nyc-emily-chen", "Emily Chen", Gender.FEMALE, Level.JUNIOR, none(),
                    SWEDISH, GUA_SHA, HOT_STONE, LYMPHATIC_DRAINAGE, THAI),
            member(NEW_YORK, 3, "nyc-david-rosenberg", "David Rosenberg", Gender.MALE, Level.JUNIOR, none(),
                    SWEDISH, SPORTS, TRIGGER_POINT, HOT_STONE, DEEP_TISSUE),
            member(NEW_YORK, 4, "nyc-aisha-okafor", "Aisha Okafor", Gender.FEMALE, Level.SENIOR, prenatal(),
                    SWEDISH, MYOFASCIAL_RELEASE, HOT_STONE, PRENATAL, THAI),
            member(NEW_YORK, 5, "nyc-sofia-rossi", "Sofia Rossi", Gender.FEMALE, Level.JUNIOR, none(),
                    SWEDISH, THAI, DEEP_TISSUE, GUA_SHA, LYMPHATIC_DRAINAGE),
            // Merseyside mobile
            member(MERSEYSIDE_MOBILE, 0, "mob-gemma-hughes", "Gemma Hughes", Gender.FEMALE, Level.SENIOR, prenatal(),
                    SWEDISH, DEEP_TISSUE, PRENATAL, LYMPHATIC_DRAINAGE),
            member(MERSEYSIDE_MOBILE, 1, "mob-ryan-mccarthy", "Ryan McCarthy", Gender.MALE, Level.JUNIOR, none(),
                    SWEDISH, SPORTS, DEEP_TISSUE),
            member(MERSEYSIDE_MOBILE, 2, "mob-chloe-roberts", "Chloe Roberts", Gender.FEMALE, Level.JUNIOR, none(),
                    SWEDISH, AYURVEDIC, LYMPHATIC_DRAINAGE),
            member(MERSEYSIDE_MOBILE, 3, "mob-lewis-parry", "Lewis Parry", Gender.MALE, Level.SENIOR, none(),
                    SPORTS, DEEP_TISSUE, THAI, SWEDISH),
            member(MERSEYSIDE_MOBILE, 4, "mob-hannah-evans", "Hannah Evans", Gender.FEMALE, Level.SENIOR, prenatal(),
                    SWEDISH, PRENATAL, AYURVEDIC, THAI, LYMPHATIC_DRAINAGE)
                    .covering(LIVERPOOL, DayOfWeek.SUNDAY),
            member(MERSEYSIDE_MOBILE, 5, "mob-megan-clarke", "Megan Clarke", Gender.FEMALE, Level.JUNIOR, none(),
                    SWEDISH, AYURVEDIC, DEEP_TISSUE, LYMPHATIC_DRAINAGE, THAI));

    public static List<Therapist> therapists() {
        return TEAMS.stream().map(Member::therapist).toList();
    }

    // ---------------------------------------------------------------- rota

    /** The shifts at every demo branch from its {@code today} for {@link #SHIFT_DAYS} days. */
    public static List<Shift> shifts(Map<String, LocalDate> todayByBranch) {
        List<Shift> shifts = new ArrayList<>();
        for (Branch branch : branches()) {
            LocalDate today = todayByBranch.get(branch.id());
            for (int day = 0; day < SHIFT_DAYS; day++) {
                shifts.addAll(shiftsAt(branch, today.plusDays(day)));
            }
        }
        return shifts;
    }

    /**
     * Each demo therapist's weekly pattern. The rota depends only on the weekday, so the shifts of any week
     * are the pattern of every week.
     */
    public static Map<String, List<WeeklyShift>> weeklyPatterns() {
        LocalDate monday = LocalDate.of(2026, 1, 5);
        Map<String, List<WeeklyShift>> patterns = new LinkedHashMap<>();
        therapists().forEach(therapist -> patterns.put(therapist.id(), new ArrayList<>()));
        for (int day = 0; day < 7; day++) {
            LocalDate date = monday.plusDays(day);
            for (Branch branch : branches()) {
                for (Shift shift : shiftsAt(branch, date)) {
                    patterns.get(shift.therapistId()).add(new WeeklyShift(date.getDayOfWeek(), shift.branchId(), shift.start(), shift.end()));
                }
            }
        }
        return patterns;
    }

    /** Today in each demo branch's zone. */
    public static Map<String, LocalDate> todayByBranch(Clock clock) {
        Map<String, LocalDate> today = new HashMap<>();
        branches().forEach(branch -> today.put(branch.id(), LocalDate.now(clock.withZone(branch.zone()))));
        return today;
    }

    /** Whoever works at the branch that date, alternately on the early and the late shift. */
    private static List<Shift> shiftsAt(Branch branch, LocalDate date) {
        Optional<OpeningHours> hours = branch.hoursOn(date);
        if (hours.isEmpty()) {
            return List.of();
        }
        List<Member> working = TEAMS.stream()
                .filter(member -> member.worksOn(date) && member.branchOn(date).equals(branch.id()))
                .sorted(Comparator.comparingInt((Member member) -> member.offset(date)).thenComparing(member -> member.therapist().id()))
                .toList();
        LocalTime opens = hours.get().opens();
        LocalTime closes = hours.get().closes();
        LocalTime earlyEnd = opens.plus(SHIFT_LENGTH).isBefore(closes) ? opens.plus(SHIFT_LENGTH) : closes;
        LocalTime lateStart = closes.minus(SHIFT_LENGTH).isAfter(opens) ? closes.minus(SHIFT_LENGTH) : opens;
        List<Shift> shifts = new ArrayList<>();
        for (int i = 0; i < working.size(); i++) {
            boolean early = i % 2 == 0;
            shifts.add(Shift.of(working.get(i).therapist().id(), branch.id(), date, early ? opens : lateStart, early ? earlyEnd : closes));
        }
        return shifts;
    }

    private record Member(Therapist therapist, int rotaIndex, String coverBranchId, DayOfWeek coverDay) {

        Member covering(String branchId, DayOfWeek day) {
            Therapist covering = new Therapist(therapist.id(), therapist.name(), therapist.gender(), therapist.homeBranchId(),
                    List.of(branchId), therapist.skills(), therapist.certifications(), therapist.level());
            return new Member(covering, rotaIndex, branchId, day);
        }

        /** Days since the member's last day off, in the weekly pattern: 0 and 6 are the days off. */
        int offset(LocalDate date) {
            return Math.floorMod(rotaIndex - (date.getDayOfWeek().getValue() - 1), 7);
        }

        boolean worksOn(LocalDate date) {
            int offset = offset(date);
            return offset != 0 && offset != 6;
        }

        String branchOn(LocalDate date) {
            return date.getDayOfWeek() == coverDay ? coverBranchId : therapist.homeBranchId();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Member member(String branchId, int rotaIndex, String id, String name, Gender gender, Level level,
                                 Set<Certification> certifications, Technique... skills) {
        return new Member(new Therapist(id, name, gender, branchId, List.of(), Set.of(skills), certifications, level),
                rotaIndex, null, null);
    }

    private static Set<Certification> prenatal() {
        return Set.of(Certification.PRENATAL);
    }

    private static Set<Certification> none() {
        return Set.of();
    }

    private static TechniqueOffer offer(Technique technique, Integer... minutes) {
        return new TechniqueOffer(technique, Arrays.asList(minutes));
    }

    /**
     * The offers with their prices: the branch's rate per minute (minor units) times a factor for the work and
     * what it needs (stones, oils, certification), rounded to half a unit of the currency.
     */
    private static List<TechniqueOffer> priced(int ratePerMinute, TechniqueOffer... offers) {
        return Arrays.stream(offers).map(offer -> new TechniqueOffer(offer.technique(), offer.durationsMinutes(),
                offer.durationsMinutes().stream().map(minutes -> new Price(minutes,
                        Math.round(minutes * ratePerMinute * factor(offer.technique()) / 50.0) * 50)).toList())).toList();
    }

    private static double factor(Technique technique) {
        return switch (technique) {
            case HOT_STONE -> 1.25;
            case AYURVEDIC -> 1.15;
            case DEEP_TISSUE, PRENATAL, TOK_SEN -> 1.1;
            case GUA_SHA, ACUPRESSURE -> 0.9;
            default -> 1.0;
        };
    }

    private static OpeningHours hours(int opensHour, int opensMinute, int closesHour, int closesMinute) {
        return new OpeningHours(null, LocalTime.of(opensHour, opensMinute), LocalTime.of(closesHour, closesMinute));
    }

    /** Every day of the week with the usual hours, except the days given. */
    private static List<OpeningHours> week(LocalTime opens, LocalTime closes, Map<DayOfWeek, OpeningHours> exceptions) {
        return Arrays.stream(DayOfWeek.values())
                .map(day -> {
                    OpeningHours exception = exceptions.get(day);
                    return exception == null
                            ? new OpeningHours(day, opens, closes)
                            : new OpeningHours(day, exception.opens(), exception.closes());
                })
                .toList();
    }

    private static List<String> districts(String area, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> area + n).toList();
    }
}
