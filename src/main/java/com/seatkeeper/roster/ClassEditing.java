package com.seatkeeper.roster;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Editing one class (My Classes &amp; Students): rename it, add or remove students, add a new student
 * typed in. A teacher works on their own classes only, a school admin on classes of their
 * schools; any other class is not found. In Clever or ClassLink districts the roster is read-only
 * here and every change is refused with {@link RosterRefusal.ReadOnly}.
 */
@Service
public class ClassEditing {
    private final RosterEditStore edits;
    private final RosterListStore lists;
    private final RosterStore store;
    private final Rosters rosters;
    private final Districts districts;
    private final Clock clock;

    ClassEditing(RosterEditStore edits, RosterListStore lists, RosterStore store, Rosters rosters, Districts districts, Clock clock) {
        this.edits = edits;
        this.lists = lists;
        this.store = store;
        this.rosters = rosters;
        this.districts = districts;
        this.clock = clock;
    }

    /** The class, or not-found when it is in another district or not in the caller's scope. */
    @Transactional(readOnly = true)
    public RosterClass get(Actor actor, ClassId id) {
        RosterClass c = edits.klass(id).orElseThrow(() -> new NotFoundException("class", id));
        requireVisible(actor, c);
        return c;
    }

    /** Whether the class's roster may be changed here (manual districts), else the refusal to show. */
    @Transactional(readOnly = true)
    public Optional<RosterRefusal> readOnly(Actor actor, RosterClass c) {
        District d = districts.get(actor, c.districtId());
        return d.rosteringSource().isReadOnlyRoster() ? Optional.of(new RosterRefusal.ReadOnly(sourceName(d))) : Optional.empty();
    }

    @Transactional
    public Outcome<RosterClass> rename(Actor actor, ClassId id, String name) {
        RosterClass c = editable(actor, id);
        Optional<RosterRefusal> refusal = readOnly(actor, c);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        Optional<FieldRefusal> invalid = Text.requiredLine("name", name, Text.TITLE);
        if (invalid.isPresent()) {
            return Outcome.refused(invalid.get());
        }
        edits.rename(id, Text.normalize(name));
        return Outcome.done(edits.klass(id).orElseThrow());
    }

    /**
     * Enrolls existing students: each must be one the caller may enroll into a class at the class's
     * school ({@link RosterPolicy#mayEnroll}: active students of the school; for a teacher only students
     * of their classes or created by them, unless the school allows any). Otherwise 422
     * {@code unknown_user} for {@code studentIds} listing them, the same for ids that do not exist.
     */
    @Transactional
    public Outcome<RosterClass> addStudents(Actor actor, ClassId id, List<UserId> studentIds) {
        RosterClass c = editable(actor, id);
        Optional<RosterRefusal> refusal = readOnly(actor, c);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        Set<UserId> ids = new LinkedHashSet<>(studentIds);
        Map<UserId, RosterUser> found = store.users(c.districtId(), ids);
        Optional<RosterRefusal> bad = RosterPolicy.students(actor, c.schoolId(), ids, found, rosters.reach(actor, c.schoolId(), ids));
        if (bad.isPresent()) {
            return Outcome.refused(bad.get());
        }
        edits.enroll(c.districtId(), id, ids, "STUDENT");
        return Outcome.done(edits.klass(id).orElseThrow());
    }

    /** Takes students out of the class (they keep their accounts and licenses). */
    @Transactional
    public Outcome<RosterClass> removeStudents(Actor actor, ClassId id, List<UserId> studentIds) {
        RosterClass c = editable(actor, id);
        Optional<RosterRefusal> refusal = readOnly(actor, c);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        edits.unenroll(id, studentIds, "STUDENT");
        return Outcome.done(edits.klass(id).orElseThrow());
    }

    /**
     * Makes {@code teacherIds} the class's teachers. Teachers who stay need no check; each one added must
     * be someone the caller may name ({@link RosterPolicy#teachers}), else {@link RosterRefusal.UnknownUsers}
     * (the same answer for ids that do not exist). A teacher may not take themselves out (the class would
     * disappear from their list).
     */
    @Transactional
    public Outcome<RosterClass> replaceTeachers(Actor actor, ClassId id, List<UserId> teacherIds) {
        RosterClass c = editable(actor, id);
        Optional<RosterRefusal> refusal = readOnly(actor, c);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        Set<UserId> ids = new LinkedHashSet<>(teacherIds);
        if (actor.role() == ActorRole.TEACHER && !ids.contains(actor.userId())) {
            return Outcome.refused(new RosterRefusal.InvalidField("teacherIds",
                    "Keep yourself among the class's teachers; a school administrator can hand the class over to someone else."));
        }
        // teachers who stay need no check; everyone added must be one the caller may name (RosterPolicy)
        List<UserId> added = ids.stream().filter(t -> !c.teacherIds().contains(t)).toList();
        Optional<RosterRefusal> bad = RosterPolicy.teachers(actor, c.schoolId(), added, store.users(c.districtId(), added));
        if (bad.isPresent()) {
            return Outcome.refused(bad.get());
        }
        edits.unenroll(id, c.teacherIds().stream().filter(t -> !ids.contains(t)).toList(), "TEACHER");
        edits.enroll(c.districtId(), id, ids, "TEACHER");
        return Outcome.done(edits.klass(id).orElseThrow());
    }

    /** A change of a class (the API's PATCH): {@code null} keeps a part; teacherIds is the full new list. */
    public record ClassPatch(String name, List<UserId> teacherIds, List<UserId> addStudentIds, List<UserId> removeStudentIds) {}

    /**
     * Applies the patch's parts in one transaction with the rules of {@link #rename}, {@link #replaceTeachers},
     * {@link #removeStudents} and {@link #addStudents}: all of it or, on the first refusal, nothing.
     */
    @Transactional
    public Outcome<RosterClass> patch(Actor actor, ClassId id, ClassPatch patch) {
        List<UserId> add = patch.addStudentIds() == null ? List.of() : patch.addStudentIds();
        List<UserId> remove = patch.removeStudentIds() == null ? List.of() : patch.removeStudentIds();
        List<String> both = add.stream().filter(remove::contains).map(UserId::toString).distinct().toList();
        if (!both.isEmpty()) {
            editable(actor, id);
            return Outcome.refused(new RosterRefusal.InvalidField("addStudentIds",
                    "A student cannot be both added and removed: " + String.join(", ", both) + "."));
        }
        Outcome<RosterClass> out = Outcome.done(editable(actor, id));
        if (patch.name() != null) {
            out = rename(actor, id, patch.name());
        }
        if (out.isDone() && patch.teacherIds() != null) {
            out = replaceTeachers(actor, id, patch.teacherIds());
        }
        if (out.isDone() && !remove.isEmpty()) {
            out = removeStudents(actor, id, remove);
        }
        if (out.isDone() && !add.isEmpty()) {
            out = addStudents(actor, id, add);
        }
        if (!out.isDone()) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        }
        return out;
    }

    /**
     * Creates a new student at the class's school and enrolls them (the caller is recorded as their
     * creator). Names as in {@link Rosters#createUser}: 400 naming {@code givenName} or {@code familyName}.
     */
    @Transactional
    public Outcome<RosterUser> addNewStudent(Actor actor, ClassId id, String givenName, String familyName) {
        RosterClass c = editable(actor, id);
        Optional<RosterRefusal> refusal = readOnly(actor, c);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        Optional<FieldRefusal> invalid = Rosters.nameAndEmail(givenName, familyName, null);
        if (invalid.isPresent()) {
            return Outcome.refused(invalid.get());
        }
        RosterUser student = new RosterUser(UserId.random(), c.districtId(), Text.normalize(givenName), Text.normalize(familyName), null,
                Role.STUDENT, UserStatus.ACTIVE, RosterSource.MANUAL, null, Set.of(c.schoolId()));
        store.insertUser(student, actor.userId(), clock.instant());
        edits.enroll(c.districtId(), id, List.of(student.id()), "STUDENT");
        return Outcome.done(student);
    }

    /**
     * The students the caller may add to the class and who are not in it yet, matching the search: the
     * same rule as {@link #addStudents} ({@link RosterPolicy#mayEnroll}), so the list offers no one the
     * service would refuse. A page in name order (the picker asks for the next one with the cursor); the total is exact
     * up to 10,000. Refusals: 404 for a class the caller does not see; 409 {@code roster_read_only} for a class of a
     * district rostered from Clever or ClassLink ({@link #readOnly}, as {@link #addStudents} refuses: no one may be added,
     * so no one is offered); 400 for a {@code q} with a control character or a cursor the list did not give
     * ({@code invalid_cursor}: this class, this text, the same teacher's reach, the caller's scope: district-wide, the school
     * admin's schools or the teacher, as the people list binds it).
     */
    @Transactional(readOnly = true)
    public Outcome<Slice<RosterUser>> enrollableStudents(Actor actor, ClassId id, String q, SeekRequest page) {
        RosterClass c = get(actor, id);
        actor.requireAnyOf("edit classes", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        Optional<RosterRefusal> refusal = readOnly(actor, c);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        UserId teacher = actor.role() == ActorRole.TEACHER
                && !districts.school(c.schoolId()).map(School::teachersMayEnrollAnyStudent).orElse(false) ? actor.userId() : null;
        Text.requireOptionalLine("q", q, Text.TITLE);
        return Outcome.done(lists.enrollable(c.districtId(), id, c.schoolId(), teacher, rosters.scopeOf(actor), q, page));
    }

    /** "Clever" or "ClassLink": how the source of a read-only roster is written for people. */
    public static String sourceName(District d) {
        return switch (d.rosteringSource()) {
            case CLEVER -> "Clever";
            case CLASSLINK -> "ClassLink";
            default -> "this service";
        };
    }

    private RosterClass editable(Actor actor, ClassId id) {
        RosterClass c = edits.lockClass(id).orElseThrow(() -> new NotFoundException("class", id));
        requireVisible(actor, c);
        actor.requireAnyOf("edit classes", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        return c;
    }

    private static void requireVisible(Actor actor, RosterClass c) {
        actor.requireVisible(c.districtId(), "class", c.id());
        boolean visible;
        if (actor.isDistrictWideAdmin()) {
            visible = true;
        } else if (actor.role() == ActorRole.SCHOOL_ADMIN) {
            visible = actor.schoolIds().contains(c.schoolId());
        } else if (actor.role() == ActorRole.TEACHER) {
            visible = c.teacherIds().contains(actor.userId());
        } else {
            visible = false;
        }
        if (!visible) {
            throw new NotFoundException("class", c.id());
        }
    }
}
