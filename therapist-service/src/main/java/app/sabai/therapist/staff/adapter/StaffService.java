package app.sabai.therapist.staff.adapter;

import app.sabai.support.web.ConflictException;
import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.ReplanOutcome;
import app.sabai.therapist.assignment.adapter.ReassignmentService;
import app.sabai.therapist.assignment.adapter.Replanner;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.HardRules;
import app.sabai.therapist.staff.Level;
import app.sabai.therapist.staff.StaffChange;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.TherapistRequest;
import app.sabai.therapist.staff.TherapistView;
import app.sabai.therapist.time.Interval;
import org.springframework.stereotype.Service;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Staff create, change and deactivate therapists. A change that makes a therapist unfit for bookings they
 * hold (a skill, certification or branch taken away, or leaving the chain) re-plans those bookings at once,
 * as for an absence: each moves to the best qualified free therapist or is marked as needing staff.
 */
@Service
public class StaffService {

    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,59}$");
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$");

    private final TherapistDirectory directory;
    private final BranchCatalogue catalogue;
    private final Replanner replanner;
    private final Clock clock;

    StaffService(TherapistDirectory directory, BranchCatalogue catalogue, Replanner replanner, Clock clock) {
        this.directory = directory;
        this.catalogue = catalogue;
        this.replanner = replanner;
        this.clock = clock;
    }

    public List<TherapistView> atBranch(String branchId, boolean includeInactive) {
        branch(branchId);
        return (includeInactive ? directory.everyoneAt(branchId) : directory.atBranch(branchId)).stream().map(TherapistView::of).toList();
    }

    public TherapistView one(String branchId, String therapistId) {
        return TherapistView.of(therapistAt(branch(branchId), therapistId));
    }

    public TherapistView create(String branchId, TherapistRequest request) {
        Branch home = branch(branchId);
        TherapistRequest body = request == null ? empty() : request;
        String id = body.id() == null || body.id().isBlank() ? freeIdFor(home, body.name()) : body.id().strip();
        if (!ID.matcher(id).matches()) {
            throw new InvalidRequestException("id", "must be 2 to 60 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        if (directory.find(id).isPresent()) {
            throw new ConflictException("id", "there is already a therapist '" + id + "'");
        }
        Therapist therapist = validated(id, home.id(), body);
        if (!directory.addIfAbsent(therapist)) {
            throw new ConflictException("id", "there is already a therapist '" + id + "'");
        }
        return TherapistView.of(therapist);
    }

    public StaffChange update(String branchId, String therapistId, TherapistRequest request) {
        Therapist current = therapistAt(branch(branchId), therapistId);
        TherapistRequest body = request == null ? empty() : request;
        if (body.id() != null && !body.id().isBlank() && !body.id().strip().equals(therapistId)) {
            throw new InvalidRequestException("id", "cannot change; it is " + therapistId);
        }
        String home = body.homeBranchId() == null || body.homeBranchId().isBlank() ? current.homeBranchId() : body.homeBranchId().strip();
        Therapist changed = validated(therapistId, home, body);
        Therapist kept = new Therapist(changed.id(), changed.name(), changed.gender(), changed.homeBranchId(), changed.coveringBranchIds(),
                changed.skills(), changed.certifications(), changed.level(), changed.languages(), current.deactivatedAt());
        directory.save(kept);
        return new StaffChange(TherapistView.of(kept), replanWhatTheyCannotGive(kept, "no longer able to give it"));
    }

    /** The therapist leaves the chain: kept on record for the bookings they gave, their future bookings re-planned. */
    public StaffChange deactivate(String branchId, String therapistId) {
        Therapist current = therapistAt(branch(branchId), therapistId);
        Therapist gone = current.active() ? new Therapist(current.id(), current.name(), current.gender(), current.homeBranchId(),
                current.coveringBranchIds(), current.skills(), current.certifications(), current.level(), current.languages(), clock.instant())
                : current;
        if (current.active()) {
            directory.save(gone);
        }
        return new StaffChange(TherapistView.of(gone), replanWhatTheyCannotGive(gone, "no longer works here"));
    }

    /** Re-plans the future bookings the therapist holds that the rules no longer let them give. */
    private List<ReplanOutcome> replanWhatTheyCannotGive(Therapist therapist, String why) {
        Instant now = clock.instant();
        Interval ahead = new Interval(now, now.plus(Replanner.HORIZON));
        Predicate<AssignmentRecord> unfit = record -> record.start().isAfter(now)
                && HardRules.firstUnqualified(therapist, record.branchId(), record.technique(), record.requirements()).isPresent();
        if (replanner.holders(therapist.id(), ahead).stream().noneMatch(unfit)) {
            return List.of();
        }
        return replanner.replan(therapist.id(), ahead, new ReassignmentService.Cause(why, null), List.of(), affected -> { }, unfit)
                .outcomes();
    }

    private Therapist validated(String id, String homeBranchId, TherapistRequest body) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new FieldProblem("name", "is required, at most 100 characters"));
        }
        if (body.gender() == null) {
            problems.add(new FieldProblem("gender", "is required: FEMALE, MALE or NON_BINARY (customers may ask for one)"));
        }
        if (body.skills() == null || body.skills().isEmpty() || body.skills().contains(null)) {
            problems.add(new FieldProblem("skills", "name at least one technique the therapist is trained in"));
        }
        if (body.certifications() != null && body.certifications().contains(null)) {
            problems.add(new FieldProblem("certifications", "must not contain null"));
        }
        List<String> languages = body.languages() == null ? List.of() : body.languages();
        for (int i = 0; i < languages.size(); i++) {
            if (languages.get(i) == null || !LANGUAGE.matcher(languages.get(i)).matches()) {
                problems.add(new FieldProblem("languages[" + i + "]", "must be a language tag such as en, th or pt-BR"));
            }
        }
        if (catalogue.find(homeBranchId).isEmpty()) {
            problems.add(new FieldProblem("homeBranchId", "no branch '" + homeBranchId + "'"));
        }
        List<String> covering = body.coveringBranchIds() == null ? List.of() : body.coveringBranchIds().stream().map(String::strip).distinct().toList();
        Set<String> known = new HashSet<>();
        catalogue.all().forEach(branch -> known.add(branch.id()));
        for (int i = 0; i < covering.size(); i++) {
            if (!known.contains(covering.get(i))) {
                problems.add(new FieldProblem("coveringBranchIds[" + i + "]", "no branch '" + covering.get(i) + "'"));
            } else if (covering.get(i).equals(homeBranchId)) {
                problems.add(new FieldProblem("coveringBranchIds[" + i + "]", "is the home branch"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Therapist(id, name, body.gender(), homeBranchId, covering, new HashSet<>(body.skills()),
                body.certifications() == null ? Set.of() : new HashSet<>(body.certifications()),
                body.level() == null ? Level.JUNIOR : body.level(), languages, null);
    }

    /** {@code <branch>-<name>}, made unique with a number. */
    private String freeIdFor(Branch home, String name) {
        String slug = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String base = (home.id() + "-" + (slug.isEmpty() ? "therapist" : slug));
        base = base.length() > 55 ? base.substring(0, 55) : base;
        String id = base;
        for (int n = 2; directory.find(id).isPresent(); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static TherapistRequest empty() {
        return new TherapistRequest(null, null, null, null, null, null, null, null, null);
    }

    private Branch branch(String branchId) {
        return catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
    }

    private Therapist therapistAt(Branch branch, String therapistId) {
        return directory.find(therapistId).filter(therapist -> therapist.worksAt(branch.id()))
                .orElseThrow(() -> new NotFoundException("therapist at branch " + branch.id(), therapistId));
    }
}
