package com.seatkeeper.roster;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may create and manage which people, name which schools, and put whom into a class: the
 * roster's scope rules as plain functions (no database, no Spring). Services read the facts
 * (people, schools, a teacher's reach) and ask these functions; the console asks the same ones
 * for its choices, so no form offers what the service refuses.
 *
 * <p>The rules (issue 7 §1):
 * <ul>
 *   <li>Roles: vendor and district admins create and manage every role; school admins every role
 *       but {@code DISTRICT_ADMIN}; teachers create students only (and manage no one); staff and
 *       students neither.</li>
 *   <li>Schools: district-wide admins name any active school of the district; everyone else only
 *       their own schools.</li>
 *   <li>Teachers of a class: district-wide admins name any active educator of the district; school
 *       admins active educators of the class's school; a teacher only themselves.</li>
 *   <li>Students of a class: active students of the class's school. A teacher, in addition, only
 *       students already in one of their classes or created by them, unless the school allows
 *       its teachers to enroll any of its students ({@code teachersMayEnrollAnyStudent}).</li>
 * </ul>
 * An id that does not exist and an id outside the caller's scope get the same refusal (same
 * status, code and wording, the ids listed), so ids cannot be probed.
 */
public final class RosterPolicy {
    private RosterPolicy() {
    }

    /**
     * What a teacher may draw on when enrolling students into a class at one school.
     *
     * @param ownStudents            of the students asked about, those already in one of the teacher's classes or created by them
     * @param schoolAllowsAnyStudent the class's school lets its teachers enroll any of its active students
     */
    public record TeacherReach(Set<UserId> ownStudents, boolean schoolAllowsAnyStudent) {
        public TeacherReach {
            ownStudents = Set.copyOf(ownStudents);
        }

        /** No reach beyond what admins have (for callers that are not teachers). */
        public static TeacherReach none() {
            return new TeacherReach(Set.of(), false);
        }
    }

    /** The roles the caller may give a new person, in {@link Role} order (empty: may create no one). */
    public static List<Role> creatableRoles(ActorRole actor) {
        return Arrays.stream(Role.values()).filter(r -> mayCreate(actor, r).isEmpty()).toList();
    }

    /** The roles the caller may set or keep when editing, deactivating or reactivating a person. */
    public static List<Role> manageableRoles(ActorRole actor) {
        return Arrays.stream(Role.values()).filter(r -> mayManage(actor, r).isEmpty()).toList();
    }

    /** Whether the caller may create a person with the role; else {@link RosterRefusal.RoleNotAllowed} (403). */
    public static Optional<RosterRefusal> mayCreate(ActorRole actor, Role role) {
        boolean ok = switch (actor) {
            case VENDOR_ADMIN, DISTRICT_ADMIN -> true;
            case SCHOOL_ADMIN -> role != Role.DISTRICT_ADMIN;
            case TEACHER -> role == Role.STUDENT;
            case STAFF, STUDENT -> false;
        };
        return ok ? Optional.empty() : Optional.of(new RosterRefusal.RoleNotAllowed(role.name()));
    }

    /** Whether the caller may edit, deactivate or reactivate a person of the role (or give it); else {@link RosterRefusal.RoleNotAllowed}. */
    public static Optional<RosterRefusal> mayManage(ActorRole actor, Role role) {
        boolean ok = switch (actor) {
            case VENDOR_ADMIN, DISTRICT_ADMIN -> true;
            case SCHOOL_ADMIN -> role != Role.DISTRICT_ADMIN;
            case TEACHER, STAFF, STUDENT -> false;
        };
        return ok ? Optional.empty() : Optional.of(new RosterRefusal.RoleNotAllowed(role.name()));
    }

    /**
     * Whether the caller may change the person as a whole (deactivate, reactivate, rename, change email or role):
     * a school admin only people all of whose schools are theirs; someone who also belongs to another school is
     * that school's too, so only a district admin changes them (a school admin may still take them out of their
     * own schools). Else {@link RosterRefusal.PersonOfOtherSchools} (403).
     */
    public static Optional<RosterRefusal> mayManageWhole(Actor actor, RosterUser person) {
        if (actor.role() != ActorRole.SCHOOL_ADMIN || actor.schoolIds().containsAll(person.schoolIds())) {
            return Optional.empty();
        }
        return Optional.of(new RosterRefusal.PersonOfOtherSchools());
    }

    /** Whether the caller is one who manages people at all (edits, deactivates, reactivates them). */
    public static boolean managesPeople(ActorRole actor) {
        return !manageableRoles(actor).isEmpty();
    }

    /** Whether the caller may name the school: an active school of the district and, unless district-wide, one of theirs. */
    public static boolean mayName(Actor actor, SchoolId school, Set<SchoolId> activeSchoolsOfDistrict) {
        return activeSchoolsOfDistrict.contains(school) && (actor.isDistrictWideAdmin() || actor.schoolIds().contains(school));
    }

    /**
     * The schools a request names, checked: each must be an active school of the district the caller
     * may name; else {@link RosterRefusal.UnknownSchools} listing the others (same answer for a school
     * that does not exist, is inactive, is in another district or is not the caller's).
     */
    public static Optional<RosterRefusal> schools(Actor actor, Collection<SchoolId> named, Set<SchoolId> activeSchoolsOfDistrict) {
        List<String> bad = named.stream().distinct().filter(s -> !mayName(actor, s, activeSchoolsOfDistrict)).map(SchoolId::toString).toList();
        return bad.isEmpty() ? Optional.empty() : Optional.of(new RosterRefusal.UnknownSchools(bad));
    }

    /**
     * A new person's schools: as {@link #schools}, and a caller who is not district-wide must name at
     * least one of their schools (else they would create someone they cannot see).
     */
    public static Optional<RosterRefusal> schoolsOfNewPerson(Actor actor, Collection<SchoolId> named, Set<SchoolId> activeSchoolsOfDistrict) {
        if (named.isEmpty() && !actor.isDistrictWideAdmin()) {
            return Optional.of(new RosterRefusal.InvalidField("schoolIds", "Choose at least one of your schools for the new person."));
        }
        return schools(actor, named, activeSchoolsOfDistrict);
    }

    /** Whether the caller may name the person as a teacher of a class at the school (see the class Javadoc). */
    public static boolean mayNameAsTeacher(Actor actor, SchoolId school, RosterUser person) {
        if (person == null || !person.isActive() || !person.role().isEducator()) {
            return false;
        }
        return switch (actor.role()) {
            case VENDOR_ADMIN, DISTRICT_ADMIN -> true;
            case SCHOOL_ADMIN -> person.schoolIds().contains(school) && actor.schoolIds().contains(school);
            case TEACHER -> person.id().equals(actor.userId());
            case STAFF, STUDENT -> false;
        };
    }

    /** Whether the caller may put the student into a class at the school (see the class Javadoc). */
    public static boolean mayEnroll(Actor actor, SchoolId school, RosterUser student, TeacherReach reach) {
        if (student == null || !student.isActive() || student.role() != Role.STUDENT || !student.schoolIds().contains(school)) {
            return false;
        }
        return switch (actor.role()) {
            case VENDOR_ADMIN, DISTRICT_ADMIN -> true;
            case SCHOOL_ADMIN -> actor.schoolIds().contains(school);
            case TEACHER -> reach.schoolAllowsAnyStudent() || reach.ownStudents().contains(student.id());
            case STAFF, STUDENT -> false;
        };
    }

    /**
     * The teachers a request names for a class at the school; {@link RosterRefusal.UnknownUsers} for
     * {@code teacherIds} listing every id the caller may not name (unknown ids included).
     *
     * @param found the named people that exist in the district, by id
     */
    public static Optional<RosterRefusal> teachers(Actor actor, SchoolId school, Collection<UserId> named, Map<UserId, RosterUser> found) {
        return unknown("teacherIds", named, id -> mayNameAsTeacher(actor, school, found.get(id)));
    }

    /**
     * The students a request names for a class at the school; {@link RosterRefusal.UnknownUsers} for
     * {@code studentIds} listing every id the caller may not enroll (unknown ids included).
     *
     * @param found the named people that exist in the district, by id
     * @param reach a teacher's reach (ignored for other callers)
     */
    public static Optional<RosterRefusal> students(Actor actor, SchoolId school, Collection<UserId> named, Map<UserId, RosterUser> found,
                                                   TeacherReach reach) {
        return unknown("studentIds", named, id -> mayEnroll(actor, school, found.get(id), reach));
    }

    private static Optional<RosterRefusal> unknown(String field, Collection<UserId> named, Predicate<UserId> allowed) {
        List<String> bad = new ArrayList<>();
        for (UserId id : new LinkedHashSet<>(named)) {
            if (!allowed.test(id)) {
                bad.add(id.toString());
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(new RosterRefusal.UnknownUsers(field, bad));
    }
}
