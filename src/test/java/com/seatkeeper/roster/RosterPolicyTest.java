package com.seatkeeper.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The roster's scope rules per role, without Spring or a database. */
class RosterPolicyTest {
    static final DistrictId D = DistrictId.random();
    static final SchoolId MINE = SchoolId.random();
    static final SchoolId OTHER = SchoolId.random();
    static final SchoolId CLOSED = SchoolId.random();
    static final Set<SchoolId> ACTIVE = Set.of(MINE, OTHER);

    static Actor actor(ActorRole role, Set<SchoolId> schools) {
        return new Actor(UUID.randomUUID(), role == ActorRole.VENDOR_ADMIN ? null : UserId.random(), role,
                role == ActorRole.VENDOR_ADMIN ? null : D, schools, role.name());
    }

    static RosterUser person(Role role, SchoolId school, boolean active) {
        return new RosterUser(UserId.random(), D, "Given", "Family", null, role, active ? UserStatus.ACTIVE : UserStatus.INACTIVE,
                RosterSource.MANUAL, null, Set.of(school));
    }

    @Test
    void rolesThatEachCallerMayCreateAndManage() {
        assertThat(RosterPolicy.creatableRoles(ActorRole.VENDOR_ADMIN)).containsExactly(Role.values());
        assertThat(RosterPolicy.creatableRoles(ActorRole.DISTRICT_ADMIN)).containsExactly(Role.values());
        assertThat(RosterPolicy.creatableRoles(ActorRole.SCHOOL_ADMIN)).containsExactly(Role.STUDENT, Role.TEACHER, Role.SCHOOL_ADMIN, Role.STAFF);
        assertThat(RosterPolicy.creatableRoles(ActorRole.TEACHER)).containsExactly(Role.STUDENT);
        assertThat(RosterPolicy.creatableRoles(ActorRole.STAFF)).isEmpty();
        assertThat(RosterPolicy.creatableRoles(ActorRole.STUDENT)).isEmpty();

        assertThat(RosterPolicy.manageableRoles(ActorRole.DISTRICT_ADMIN)).containsExactly(Role.values());
        assertThat(RosterPolicy.manageableRoles(ActorRole.SCHOOL_ADMIN)).doesNotContain(Role.DISTRICT_ADMIN).hasSize(4);
        for (ActorRole r : List.of(ActorRole.TEACHER, ActorRole.STAFF, ActorRole.STUDENT)) {
            assertThat(RosterPolicy.manageableRoles(r)).as(r.name()).isEmpty();
            assertThat(RosterPolicy.managesPeople(r)).isFalse();
        }
        var refusal = RosterPolicy.mayCreate(ActorRole.TEACHER, Role.TEACHER).orElseThrow();
        assertThat(refusal.code()).isEqualTo("role_not_allowed");
        assertThat(refusal.status()).isEqualTo(403);
    }

    @Test
    void schoolsACallerMayName() {
        for (ActorRole r : List.of(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN)) {
            Actor a = actor(r, Set.of());
            assertThat(RosterPolicy.schools(a, List.of(MINE, OTHER), ACTIVE)).as(r.name()).isEmpty();
            assertThat(RosterPolicy.schools(a, List.of(CLOSED), ACTIVE)).as(r.name()).isPresent();
            assertThat(RosterPolicy.schoolsOfNewPerson(a, List.of(), ACTIVE)).as("district-wide admins may create people of no school").isEmpty();
        }
        for (ActorRole r : List.of(ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER)) {
            Actor a = actor(r, Set.of(MINE));
            assertThat(RosterPolicy.schools(a, List.of(MINE), ACTIVE)).as(r.name()).isEmpty();
            var refused = RosterPolicy.schools(a, List.of(MINE, OTHER, CLOSED), ACTIVE).orElseThrow();
            assertThat(refused).isEqualTo(new RosterRefusal.UnknownSchools(List.of(OTHER.toString(), CLOSED.toString())));
            assertThat(RosterPolicy.schoolsOfNewPerson(a, List.of(), ACTIVE).orElseThrow().code()).isEqualTo("invalid_request");
        }
        // a school that does not exist and a school of someone else get the same refusal
        Actor principal = actor(ActorRole.SCHOOL_ADMIN, Set.of(MINE));
        SchoolId unknown = SchoolId.random();
        assertThat(RosterPolicy.schools(principal, List.of(unknown), ACTIVE).orElseThrow().detail().replace(unknown.toString(), "X"))
                .isEqualTo(RosterPolicy.schools(principal, List.of(OTHER), ACTIVE).orElseThrow().detail().replace(OTHER.toString(), "X"));
    }

    @Test
    void teachersOfAClass() {
        RosterUser teacherHere = person(Role.TEACHER, MINE, true);
        RosterUser teacherThere = person(Role.TEACHER, OTHER, true);
        RosterUser inactive = person(Role.TEACHER, MINE, false);
        RosterUser student = person(Role.STUDENT, MINE, true);
        Map<UserId, RosterUser> found = Map.of(teacherHere.id(), teacherHere, teacherThere.id(), teacherThere, inactive.id(), inactive,
                student.id(), student);

        Actor districtAdmin = actor(ActorRole.DISTRICT_ADMIN, Set.of());
        assertThat(RosterPolicy.teachers(districtAdmin, MINE, List.of(teacherHere.id(), teacherThere.id()), found)).isEmpty();
        assertThat(refusedIds(RosterPolicy.teachers(districtAdmin, MINE, List.of(inactive.id(), student.id()), found)))
                .containsExactly(inactive.id().toString(), student.id().toString());

        Actor principal = actor(ActorRole.SCHOOL_ADMIN, Set.of(MINE));
        assertThat(RosterPolicy.teachers(principal, MINE, List.of(teacherHere.id()), found)).isEmpty();
        assertThat(refusedIds(RosterPolicy.teachers(principal, MINE, List.of(teacherThere.id()), found)))
                .containsExactly(teacherThere.id().toString());

        Actor teacher = new Actor(UUID.randomUUID(), teacherHere.id(), ActorRole.TEACHER, D, Set.of(MINE), "t");
        assertThat(RosterPolicy.teachers(teacher, MINE, List.of(teacherHere.id()), found)).isEmpty();
        UserId unknown = UserId.random();
        var refused = RosterPolicy.teachers(teacher, MINE, List.of(teacherHere.id(), teacherThere.id(), unknown), found).orElseThrow();
        assertThat(refused).isEqualTo(new RosterRefusal.UnknownUsers("teacherIds", List.of(teacherThere.id().toString(), unknown.toString())));

        for (ActorRole r : List.of(ActorRole.STAFF, ActorRole.STUDENT)) {
            assertThat(RosterPolicy.mayNameAsTeacher(actor(r, Set.of(MINE)), MINE, teacherHere)).as(r.name()).isFalse();
        }
    }

    @Test
    void studentsOfAClass() {
        RosterUser ownStudent = person(Role.STUDENT, MINE, true);
        RosterUser colleaguesStudent = person(Role.STUDENT, MINE, true);
        RosterUser otherSchool = person(Role.STUDENT, OTHER, true);
        RosterUser inactive = person(Role.STUDENT, MINE, false);
        RosterUser educator = person(Role.STAFF, MINE, true);
        var reach = new RosterPolicy.TeacherReach(Set.of(ownStudent.id(), otherSchool.id()), false);

        for (ActorRole r : List.of(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER)) {
            Actor a = actor(r, Set.of(MINE));
            assertThat(RosterPolicy.mayEnroll(a, MINE, ownStudent, reach)).as(r.name()).isTrue();
            assertThat(RosterPolicy.mayEnroll(a, MINE, otherSchool, reach)).as(r + ": a student of another school").isFalse();
            assertThat(RosterPolicy.mayEnroll(a, MINE, inactive, reach)).as(r + ": inactive").isFalse();
            assertThat(RosterPolicy.mayEnroll(a, MINE, educator, reach)).as(r + ": not a student").isFalse();
            assertThat(RosterPolicy.mayEnroll(a, MINE, null, reach)).as(r + ": unknown").isFalse();
        }
        for (ActorRole r : List.of(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN)) {
            assertThat(RosterPolicy.mayEnroll(actor(r, Set.of(MINE)), MINE, colleaguesStudent, RosterPolicy.TeacherReach.none())).isTrue();
        }
        assertThat(RosterPolicy.mayEnroll(actor(ActorRole.SCHOOL_ADMIN, Set.of(OTHER)), MINE, colleaguesStudent, reach))
                .as("a school admin of another school").isFalse();

        Actor teacher = actor(ActorRole.TEACHER, Set.of(MINE));
        assertThat(RosterPolicy.mayEnroll(teacher, MINE, colleaguesStudent, reach)).as("another teacher's student, by default").isFalse();
        assertThat(RosterPolicy.mayEnroll(teacher, MINE, colleaguesStudent, new RosterPolicy.TeacherReach(Set.of(), true)))
                .as("when the school allows it").isTrue();
        assertThat(RosterPolicy.mayEnroll(teacher, MINE, otherSchool, new RosterPolicy.TeacherReach(Set.of(), true)))
                .as("never a student of another school").isFalse();
        for (ActorRole r : List.of(ActorRole.STAFF, ActorRole.STUDENT)) {
            assertThat(RosterPolicy.mayEnroll(actor(r, Set.of(MINE)), MINE, ownStudent, new RosterPolicy.TeacherReach(Set.of(ownStudent.id()), true)))
                    .as(r.name()).isFalse();
        }

        UserId unknown = UserId.random();
        Map<UserId, RosterUser> found = Map.of(ownStudent.id(), ownStudent, colleaguesStudent.id(), colleaguesStudent);
        var refused = RosterPolicy.students(teacher, MINE, List.of(ownStudent.id(), colleaguesStudent.id(), unknown), found, reach).orElseThrow();
        assertThat(refused.code()).isEqualTo("unknown_user");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refusedIds(Optional.of(refused))).containsExactly(colleaguesStudent.id().toString(), unknown.toString());
        // the wording does not tell an unknown id from one out of scope
        assertThat(refused.detail()).doesNotContain("exist,").contains("an id that does not exist or that you may not see is refused the same way");
    }

    private static List<String> refusedIds(Optional<RosterRefusal> r) {
        return ((RosterRefusal.UnknownUsers) r.orElseThrow()).userIds();
    }
}
