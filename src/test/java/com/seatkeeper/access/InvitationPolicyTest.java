package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.RosterSource;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.UserStatus;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may be invited, as a plain function of the caller and the person (scope itself is checked before, by the roster). */
class InvitationPolicyTest {
    static final DistrictId D = DistrictId.random();
    static final SchoolId S = SchoolId.random();

    private static Actor actor(ActorRole role) {
        return new Actor(UUID.randomUUID(), UserId.random(), role, D, Set.of(S), "caller");
    }

    private static RosterUser person(Role role, UserStatus status, String email) {
        return new RosterUser(UserId.random(), D, "Ava", "Nguyen", email, role, status, RosterSource.MANUAL, null, Set.of(S));
    }

    private static String code(Actor actor, RosterUser person) {
        return AccountLinks.mayInvite(actor, person).map(BusinessRefusal::code).orElse("ok");
    }

    @Test
    void adminsInviteTheEducatorsTheyManage() {
        assertThat(code(actor(ActorRole.DISTRICT_ADMIN), person(Role.DISTRICT_ADMIN, UserStatus.ACTIVE, "a@x.test"))).isEqualTo("ok");
        assertThat(code(actor(ActorRole.SCHOOL_ADMIN), person(Role.TEACHER, UserStatus.ACTIVE, "a@x.test"))).isEqualTo("ok");
        assertThat(code(actor(ActorRole.SCHOOL_ADMIN), person(Role.DISTRICT_ADMIN, UserStatus.ACTIVE, "a@x.test"))).isEqualTo("role_not_allowed");
        assertThat(code(actor(ActorRole.TEACHER), person(Role.TEACHER, UserStatus.ACTIVE, "a@x.test"))).isEqualTo("role_not_allowed");
    }

    @Test
    void studentsThePeopleWithoutEmailAndTheInactiveAreNotInvited() {
        Actor admin = actor(ActorRole.DISTRICT_ADMIN);
        assertThat(code(admin, person(Role.STUDENT, UserStatus.ACTIVE, "s@x.test"))).isEqualTo("student_not_invited");
        assertThat(code(admin, person(Role.TEACHER, UserStatus.ACTIVE, null))).isEqualTo("no_email");
        assertThat(code(admin, person(Role.TEACHER, UserStatus.INACTIVE, "a@x.test"))).isEqualTo("person_inactive");
    }
}
