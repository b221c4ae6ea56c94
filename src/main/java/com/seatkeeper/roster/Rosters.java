package com.seatkeeper.roster;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The roster module's API: people and classes of a district, seen through the caller's scope. */
@Service
public class Rosters {
    private final RosterStore store;
    private final RosterListStore lists;
    private final Districts districts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Rosters(RosterStore store, RosterListStore lists, Districts districts, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.lists = lists;
        this.districts = districts;
        this.clock = clock;
        this.events = events;
    }

    public record NewUser(String givenName, String familyName, String email, Role role, Set<SchoolId> schoolIds) {}

    public record NewClass(String name, SchoolId schoolId, List<UserId> teacherIds, List<UserId> studentIds) {}

    /** Filters of the people search; null means "any". */
    public record UserFilter(Role role, SchoolId schoolId, String sourcedId, String q) {}

    /**
     * Creates a person by hand. Refusals, in this order, nothing changed: 409 {@code roster_read_only}
     * (Clever/ClassLink district); 400 {@code invalid_request} naming the field ({@code givenName},
     * {@code familyName}: required, at most {@link Text#NAME}; {@code email}: optional, one address; no
     * control characters; see {@link Text}); 403 {@code role_not_allowed} ({@link RosterPolicy#mayCreate});
     * 400 for a school admin or teacher naming no school, 422 {@code unknown_school} for schools the caller
     * may not name ({@link RosterPolicy#schools}); 409 {@code duplicate_email}. Staff and students may not
     * create people (403). The creator is recorded: a teacher may enroll the students they created. Publishes
     * {@link PersonCreated} in the transaction (an educator with an email is invited to set a password).
     */
    @Transactional
    public Outcome<RosterUser> createUser(Actor actor, DistrictId districtId, NewUser cmd) {
        District district = districts.get(actor, districtId);
        actor.requireAnyOf("create people", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        if (district.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RosterRefusal.ReadOnly(ClassEditing.sourceName(district)));
        }
        Optional<? extends BusinessRefusal> refused = nameAndEmail(cmd.givenName(), cmd.familyName(), cmd.email());
        if (refused.isEmpty()) {
            refused = cmd.role() == null ? Optional.of(new FieldRefusal("role", "Choose a role."))
                    : RosterPolicy.mayCreate(actor.role(), cmd.role());
        }
        if (refused.isEmpty()) {
            refused = RosterPolicy.schoolsOfNewPerson(actor, cmd.schoolIds(), districts.schoolsOfDistrict(districtId, cmd.schoolIds()));
        }
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        String email = Text.normalizeOptional(cmd.email());
        RosterUser user = new RosterUser(UserId.random(), districtId, Text.normalize(cmd.givenName()), Text.normalize(cmd.familyName()),
                email, cmd.role(), UserStatus.ACTIVE, RosterSource.MANUAL, null, cmd.schoolIds());
        try {
            store.insertUser(user, actor.userId(), clock.instant());
        } catch (DuplicateKeyException e) {
            return Outcome.refused(new RosterRefusal.DuplicateEmail(email));
        }
        events.publishEvent(new PersonCreated(districtId, user.id(), user.role(), email, actor.label()));
        return Outcome.done(user);
    }

    /** The shared checks of a person's names and email ({@link Text}), first refusal first; the fields as the API names them. */
    static Optional<FieldRefusal> nameAndEmail(String givenName, String familyName, String email) {
        return Text.first(Text.requiredLine("givenName", givenName, Text.NAME), Text.requiredLine("familyName", familyName, Text.NAME),
                Text.optionalEmail("email", email));
    }

    /**
     * A page of the district's people the caller sees (a school admin: their schools' people; a teacher: themself and
     * the people of their classes), in name order (family name, given name, id), matching the filter: {@code q} is a
     * part of "given family", "family, given" or the email, ignoring case (a trigram index answers it).
     * The total is exact up to 10,000 rows. Refusals: 404 for another district; 403 for staff and students; 400
     * {@code invalid_request} for a {@code q} or {@code sourcedId} with a control character; 400 {@code invalid_cursor}
     * for a cursor this list did not give (the same list is this district, this caller's scope and these filters).
     */
    @Transactional(readOnly = true)
    public Slice<RosterUser> findUsers(Actor actor, DistrictId districtId, UserFilter filter, SeekRequest page) {
        districts.get(actor, districtId);
        actor.requireAnyOf("look up people", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        // a search text with a control character is refused, not searched for without it (which found everyone)
        Text.requireOptionalLine("q", filter.q(), Text.TITLE);
        Text.requireOptionalLine("sourcedId", filter.sourcedId(), Text.TITLE);
        return lists.users(districtId, filter, scopeOf(actor), page);
    }

    /** One person, or not-found when they are outside the caller's district or scope. */
    @Transactional(readOnly = true)
    public RosterUser user(Actor actor, UserId id) {
        RosterUser u = store.user(id).orElseThrow(() -> new NotFoundException("user", id));
        actor.requireVisible(u.districtId(), "user", id);
        if (!actor.isDistrictWideAdmin() && !id.equals(actor.userId()) && !store.inScope(id, scopeOf(actor))) {
            throw new NotFoundException("user", id);
        }
        return u;
    }

    /**
     * Creates a class by hand. Refusals, in this order, nothing changed: 409 {@code roster_read_only};
     * 400 {@code invalid_request} for {@code name} (required, at most {@link Text#TITLE}, no control
     * characters); 422 {@code unknown_school} when the caller may not name the school; 422
     * {@code unknown_user} for {@code teacherIds}, then {@code studentIds}, listing every id the caller
     * may not name there, with the same answer for ids that do not exist (see {@link RosterPolicy}).
     * A teacher who creates a class teaches it.
     */
    @Transactional
    public Outcome<RosterClass> createClass(Actor actor, DistrictId districtId, NewClass cmd) {
        District district = districts.get(actor, districtId);
        actor.requireAnyOf("create classes", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        if (district.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RosterRefusal.ReadOnly(ClassEditing.sourceName(district)));
        }
        List<UserId> teachers = new ArrayList<>(new LinkedHashSet<>(cmd.teacherIds()));
        List<UserId> students = List.copyOf(new LinkedHashSet<>(cmd.studentIds()));
        if (actor.role() == ActorRole.TEACHER && !teachers.contains(actor.userId())) {
            teachers.add(actor.userId());
        }
        Optional<? extends BusinessRefusal> refused = Text.requiredLine("name", cmd.name(), Text.TITLE);
        if (refused.isEmpty()) {
            refused = RosterPolicy.schools(actor, List.of(cmd.schoolId()), districts.schoolsOfDistrict(districtId, List.of(cmd.schoolId())));
        }
        if (refused.isEmpty()) {
            Map<UserId, RosterUser> found = store.users(districtId, union(teachers, students));
            refused = RosterPolicy.teachers(actor, cmd.schoolId(), teachers, found)
                    .or(() -> RosterPolicy.students(actor, cmd.schoolId(), students, found, reach(actor, cmd.schoolId(), students)));
        }
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        RosterClass c = new RosterClass(ClassId.random(), districtId, cmd.schoolId(), Text.normalize(cmd.name()), RosterSource.MANUAL, null,
                teachers, students);
        store.insertClass(c, clock.instant());
        return Outcome.done(c);
    }

    /** A teacher's reach over the given students at the school (see {@link RosterPolicy.TeacherReach}); none for other callers. */
    RosterPolicy.TeacherReach reach(Actor actor, SchoolId school, Collection<UserId> students) {
        if (actor.role() != ActorRole.TEACHER || students.isEmpty()) {
            return RosterPolicy.TeacherReach.none();
        }
        boolean any = districts.school(school).map(School::teachersMayEnrollAnyStudent).orElse(false);
        return new RosterPolicy.TeacherReach(any ? Set.of() : store.ownStudents(actor.userId(), students), any);
    }

    /**
     * A page of the district's classes the caller sees (a school admin: their schools'; a teacher: the classes they
     * teach), in name order (name, id), optionally of one school or teacher. The total is exact up to 10,000 rows.
     * Refusals: 404 for another district; 403 for staff and students; 400 {@code invalid_cursor} for a cursor of another
     * list (district, the caller's scope, school or teacher filter).
     */
    @Transactional(readOnly = true)
    public Slice<RosterClass> findClasses(Actor actor, DistrictId districtId, SchoolId schoolId, UserId teacherId, SeekRequest page) {
        districts.get(actor, districtId);
        actor.requireAnyOf("look up classes", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        return lists.classes(districtId, schoolId, teacherId, scopeOf(actor), page);
    }

    // --- for other modules (the caller has already checked the actor against the district) ---

    /**
     * Locks the person's row for a seat change (assign, unassign, reassign) so that a concurrent
     * deactivation or seat change of the same person waits; empty when there is no such person.
     */
    @Transactional
    public Optional<RosterUser> lockForSeatChange(UserId id) {
        return store.lockUser(id);
    }

    /**
     * As {@link #lockForSeatChange(Collection)} for a change an actor asked for: only the people of the district whom the
     * actor's scope reaches (a school admin: their schools' people; a teacher: themself and the people of their classes) are
     * locked and returned; an id of another district or outside the scope is neither locked nor returned (the caller
     * treats it as unknown). The caller still applies its own finer rule to those returned.
     */
    @Transactional
    public Map<UserId, RosterUser> lockForSeatChange(Actor actor, DistrictId district, Collection<UserId> ids) {
        actor.requireVisible(district, "district", district);
        return store.lockUsers(district, scopeOf(actor), ids);
    }

    /** As {@link #lockForSeatChange(UserId)} for many people, locked in id order to avoid deadlocks (system changes). */
    @Transactional
    public Map<UserId, RosterUser> lockForSeatChange(Collection<UserId> ids) {
        return store.lockUsers(ids);
    }

    @Transactional(readOnly = true)
    public Optional<RosterUser> find(UserId id) {
        return store.user(id);
    }

    @Transactional(readOnly = true)
    public Map<UserId, RosterUser> find(DistrictId districtId, Collection<UserId> ids) {
        return store.users(districtId, ids);
    }

    /** Of the given people, those who are students of one of the teacher's classes (one statement). */
    @Transactional(readOnly = true)
    public Set<UserId> studentsOf(UserId teacher, Collection<UserId> ids) {
        return ids.isEmpty() ? Set.of() : store.studentsOf(teacher, ids);
    }

    Scope scopeOf(Actor actor) {
        return switch (actor.role()) {
            case VENDOR_ADMIN, DISTRICT_ADMIN -> new Scope.District();
            case SCHOOL_ADMIN -> new Scope.Schools(actor.schoolIds());
            default -> new Scope.Teacher(actor.userId());
        };
    }

    private static List<UserId> union(List<UserId> a, List<UserId> b) {
        List<UserId> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** What part of a district a caller sees. */
    sealed interface Scope {
        record District() implements Scope {}

        record Schools(Set<SchoolId> schoolIds) implements Scope {}

        record Teacher(UserId teacher) implements Scope {}
    }
}
