package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Role;
import org.junit.jupiter.api.Test;

/** The one rule of who has a console, without Spring. */
class ConsoleRolesTest {

    @Test
    void adminsAndTeachersHaveAConsoleStudentsAndStaffDoNot() {
        assertThat(ConsoleRoles.mayHaveConsole(Role.DISTRICT_ADMIN, "u")).isEmpty();
        assertThat(ConsoleRoles.mayHaveConsole(Role.SCHOOL_ADMIN, "u")).isEmpty();
        assertThat(ConsoleRoles.mayHaveConsole(Role.TEACHER, "u")).isEmpty();
        assertThat(ConsoleRoles.mayHaveConsole(Role.STUDENT, "u")).get().extracting(r -> r.code()).isEqualTo("student_not_invited");
        assertThat(ConsoleRoles.mayHaveConsole(Role.STAFF, "u")).get().extracting(r -> r.code()).isEqualTo("no_console");
        assertThat(ConsoleRoles.hasConsole(ActorRole.VENDOR_ADMIN)).isTrue();
        assertThat(ConsoleRoles.hasConsole(ActorRole.STAFF)).isFalse();
        assertThat(ConsoleRoles.hasConsole(ActorRole.STUDENT)).isFalse();
    }
}
