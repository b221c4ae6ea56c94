package com.seatkeeper.roster;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The roster module's API: people and classes of a district, seen through the caller's scope. */
@Service
public class Rosters {
    private final RosterStore store;
    private final Districts districts;
    private final Clock clock;

    Rosters(RosterStore store, Districts districts, Clock clock) {
        this.store = store;
        this.districts = districts;
        this.clock = clock;
    }

    public record NewUser(String givenName, String familyName, String email, Role role, Set<SchoolId> schoolIds) {}

    public record NewClass(String name, SchoolId schoolId, List<UserId> teacherIds, List<UserId> studentIds) {}

    /** Filters of the people search; null means "any". */
    public record UserFilter(Role role, SchoolId schoolId, String sourcedId, String q) {}

    @Transactional
    public Outcome<RosterUser> createUser(Actor actor, DistrictId districtId, NewUser cmd) {
        District district = districts.get(actor, districtId);
        actor.requireAnyOf("create people", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        if (district.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RosterRefusal.ReadOnly(district.rosteringSource().name()));
        }
        if (!mayCreate(actor, cmd.role())) {
            return Outcome.refused(new RosterRefusal.RoleNotAllowed(cmd.role().name()));
        }
        Optional<RosterRefusal> badSchools = checkSchools(actor, districtId, cmd.schoolIds());
        if (badSchools.isPresent()) {
            return Outcome.refused(badSchools.get());
        }
        String email = cmd.email() == null || cmd.email().isBlank() ? null : cmd.email().trim();
        RosterUser user = new RosterUser(UserId.random(), districtId, cmd.givenName().trim(), cmd.familyName().trim(), email,
                cmd.role(), UserStatus.ACTIVE, RosterSource.MANUAL, null, cmd.schoolIds());
        try {
            store.insertUser(user, clock.instant());
        } catch (DuplicateKeyException e) {
            return Outcome.refused(new RosterRefusal.DuplicateEmail(email));
        }
        return Outcome.done(user);
    }

    private static boolean mayCreate(Actor actor, Role role) {
        return switch (actor.role()) {
            case VENDOR_ADMIN, DISTRICT_ADMIN -> true;
            case SCHOOL_ADMIN -> role != Role.DISTRICT_ADMIN;
            case TEACHER -> role == Role.STUDENT;
            default -> false;
        };
    }

    private Optional<RosterRefusal> checkSchools(Actor actor, DistrictId districtId, Collection<SchoolId> schoolIds) {
        Set<SchoolId> known = districts.schoolsOfDistrict(districtId, schoolIds);
        List<String> bad = new ArrayList<>();
        for (SchoolId s : schoolIds) {
            boolean inScope = actor.isDistrictWideAdmin() || actor.schoolIds().contains(s);
            if (!known.contains(s) || !inScope) {
                bad.add(s.toString());
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(new RosterRefusal.UnknownSchools(bad));
    }

    @Transactional(readOnly = true)
    public Page<RosterUser> findUsers(Actor actor, DistrictId districtId, UserFilter filter, PageRequest page) {
        districts.get(actor, districtId);
        actor.requireAnyOf("look up people", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        return store.findUsers(districtId, filter, scopeOf(actor), page);
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

    @Transactional
    public Outcome<RosterClass> createClass(Actor actor, DistrictId districtId, NewClass cmd) {
        District district = districts.get(actor, districtId);
        actor.requireAnyOf("create classes", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        if (district.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RosterRefusal.ReadOnly(district.rosteringSource().name()));
        }
        Optional<RosterRefusal> badSchool = checkSchools(actor, districtId, List.of(cmd.schoolId()));
        if (badSchool.isPresent()) {
            return Outcome.refused(badSchool.get());
        }
        List<UserId> teachers = List.copyOf(new LinkedHashSet<>(cmd.teacherIds()));
        List<UserId> students = List.copyOf(new LinkedHashSet<>(cmd.studentIds()));
        if (actor.role() == ActorRole.TEACHER && !teachers.contains(actor.userId())) {
            teachers = new ArrayList<>(teachers);
            teachers.add(actor.userId());
        }
        Map<UserId, RosterUser> found = store.users(districtId, union(teachers, students));
        List<String> badTeachers = teachers.stream()
                .filter(t -> !found.containsKey(t) || !found.get(t).role().isEducator() || !found.get(t).isActive())
                .map(UserId::toString).toList();
        if (!badTeachers.isEmpty()) {
            return Outcome.refused(new RosterRefusal.UnknownUsers("teacherIds", badTeachers));
        }
        List<String> badStudents = students.stream()
                .filter(s -> !found.containsKey(s) || found.get(s).role() != Role.STUDENT || !found.get(s).isActive())
                .map(UserId::toString).toList();
        if (!badStudents.isEmpty()) {
            return Outcome.refused(new RosterRefusal.UnknownUsers("studentIds", badStudents));
        }
        RosterClass c = new RosterClass(ClassId.random(), districtId, cmd.schoolId(), cmd.name().trim(), RosterSource.MANUAL, null,
                teachers, students);
        store.insertClass(c, clock.instant());
        return Outcome.done(c);
    }

    @Transactional(readOnly = true)
    public Page<RosterClass> findClasses(Actor actor, DistrictId districtId, SchoolId schoolId, UserId teacherId, PageRequest page) {
        districts.get(actor, districtId);
        actor.requireAnyOf("look up classes", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        return store.findClasses(districtId, schoolId, teacherId, scopeOf(actor), page);
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

    /** As {@link #lockForSeatChange(UserId)} for many people, locked in id order to avoid deadlocks. */
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

    /** Whether the person is a student of one of the teacher's classes. */
    @Transactional(readOnly = true)
    public boolean isStudentOf(UserId teacher, UserId student) {
        return store.inScope(student, new Scope.Teacher(teacher));
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
