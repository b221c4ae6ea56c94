package com.seatkeeper.roster;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Faults found by trying the API as an attacker after the scope work (issue 7 §1–3), each fixed by its kind:
 * class memberships follow role and school changes (so does what a person sees through them), ids and dates are
 * read strictly, one answer for a school of another district and none, renewals checked as pool openings are,
 * school admins change whole people of their schools only, and no one changes their own role.
 */
@ApiTest
class RosterChangeProbeTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
    }

    @Test
    void aTeacherWhoBecomesAStudentTeachesNoClassAndSeesNoneOfItsStudents() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String student = fx.aStudent(d);
        String klass = fx.aClass(d, List.of(teacher), List.of(student));
        String token = fx.tokenFor(teacher);
        assertThat(http.get("/api/v1/users/" + student, token).status()).isEqualTo(200);

        var changed = http.send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("role", "STUDENT"));

        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        // the teacher's token now acts as a student, who may hold no token: it works for nothing
        assertThat(http.get("/api/v1/users/" + student, token).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/users/" + student + "/licenses", token).status()).isEqualTo(401);
        var c = http.get("/api/v1/districts/" + d.id() + "/classes?teacherId=" + teacher, Fixtures.ADMIN);
        assertThat(c.body()).isEmpty();
        assertThat(jdbc.sql("select count(*) from enrollments where class_id = ?::uuid").param(klass).query(Long.class).single())
                .as("the student stays enrolled").isEqualTo(1L);
    }

    @Test
    void aTeacherMovedToAnotherSchoolLosesTheClassesOfTheSchoolTheyLeft() {
        var d = fx.aDistrict();
        String otherSchool = fx.aSchool(d);
        String teacher = fx.aTeacher(d);
        String student = fx.aStudent(d);
        String klass = fx.aClass(d, List.of(teacher), List.of(student));
        var pool = fx.aStudentPool(d, 5);
        String token = fx.tokenFor(teacher);

        assertThat(http.send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("schoolIds", List.of(otherSchool))).status())
                .isEqualTo(200);

        assertThat(http.get("/api/v1/users/" + student, token).status()).isEqualTo(404);
        assertThat(http.send("PATCH", "/api/v1/classes/" + klass, token, map("name", "Still mine?")).status()).isEqualTo(404);
        assertThat(http.put("/api/v1/license-pools/" + pool.id() + "/assignments/" + student, token).status()).isEqualTo(404);
        assertThat(fx.available(pool)).isEqualTo(5);
    }

    @Test
    void nullIdsUnknownFieldsAndDateTimesAreRefusedNamingTheFieldAndChangeNothing() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String klass = fx.aClass(d, List.of(teacher), List.of());
        var before = DbState.of(jdbc);

        var nullSchool = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "A", "familyName", "B",
                "role", "STUDENT", "schoolIds", Arrays.asList((String) null)));
        var nullStudent = http.send("PATCH", "/api/v1/classes/" + klass, Fixtures.ADMIN, map("addStudentIds", Arrays.asList((String) null)));
        var unknownField = http.send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("status", "INACTIVE"));
        var pool = fx.aStudentPool(d, 2);
        before = DbState.of(jdbc);
        var dateTime = http.post("/api/v1/license-pools/" + pool.id() + "/renewals?dryRun=true", Fixtures.ADMIN, map("seats", 2,
                "startsOn", LocalDate.now().plusDays(400) + "T00:00:00Z", "endsOn", LocalDate.now().plusDays(700).toString(),
                "carryOverHolders", true));

        assertThat(nullSchool.status()).as("%s", nullSchool).isEqualTo(400);
        assertThat(nullSchool.raw()).contains("schoolIds");
        assertThat(nullStudent.status()).as("%s", nullStudent).isEqualTo(400);
        assertThat(nullStudent.raw()).contains("addStudentIds");
        assertThat(unknownField.status()).as("%s", unknownField).isEqualTo(400);
        assertThat(unknownField.raw()).contains("status");
        assertThat(dateTime.status()).as("%s", dateTime).isEqualTo(400);
        assertThat(dateTime.text("field")).isEqualTo("startsOn");
        assertThat(DbState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void anExplicitNullInAPatchIsRefusedNamingTheFieldExceptAnEmailWhichItClears() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String klass = fx.aClass(d, List.of(teacher), List.of());
        var before = DbState.of(jdbc);

        var given = http.send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("givenName", null));
        var role = http.send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("role", null));
        var className = http.send("PATCH", "/api/v1/classes/" + klass, Fixtures.ADMIN, map("name", null));
        var schoolName = http.send("PATCH", "/api/v1/schools/" + d.schoolId(), Fixtures.ADMIN, map("name", null));
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        var email = http.send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("email", null));

        for (var r : List.of(given, role, className, schoolName)) {
            assertThat(r.status()).as("%s", r).isEqualTo(400);
            assertThat(r.text("detail")).contains("cannot be null");
        }
        assertThat(given.text("field")).isEqualTo("givenName");
        assertThat(role.text("field")).isEqualTo("role");
        assertThat(className.text("field")).isEqualTo("name");
        assertThat(email.status()).as("%s", email).isEqualTo(200);
        assertThat(email.body().get("email").isNull()).isTrue();
    }

    @Test
    void aSchoolOfAnotherDistrictIsAnsweredAsOneThatDoesNotExist() {
        var mine = fx.aDistrict();
        var other = fx.aDistrict();
        String admin = fx.aDistrictAdminTokenOf(mine);

        var otherDistricts = http.send("PATCH", "/api/v1/schools/" + other.schoolId(), admin, map("name", "X"));
        var none = http.send("PATCH", "/api/v1/schools/" + UUID.randomUUID(), admin, map("name", "X"));

        assertThat(otherDistricts.status()).isEqualTo(404);
        assertThat(none.status()).isEqualTo(404);
        assertThat(otherDistricts.text("code")).isEqualTo(none.text("code"));
        assertThat(otherDistricts.text("detail")).doesNotContain(other.id()).startsWith("No school");
    }

    @Test
    void renewalsKeepTheTermRangeAndTheSeatLimitAlsoInADryRun() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 2);
        String renewals = "/api/v1/license-pools/" + pool.id() + "/renewals";
        var before = DbState.of(jdbc);

        var tooLate = http.post(renewals, Fixtures.ADMIN, map("seats", 2, "startsOn", LocalDate.now().plusDays(400).toString(),
                "endsOn", "2101-01-01", "carryOverHolders", true));
        var tooMany = http.post(renewals + "?dryRun=true", Fixtures.ADMIN, map("seats", 10_000_001,
                "startsOn", LocalDate.now().plusDays(400).toString(), "endsOn", LocalDate.now().plusDays(700).toString(),
                "carryOverHolders", true));

        assertThat(tooLate.status()).as("%s", tooLate).isEqualTo(400);
        assertThat(tooLate.text("field")).isEqualTo("endsOn");
        assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(422);
        assertThat(tooMany.text("code")).isEqualTo("seat_limit_exceeded");
        assertThat(DbState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aSchoolAdminChangesOnlyPeopleWhollyOfTheirSchoolsAndNoOneChangesTheirOwnRole() {
        var d = fx.aDistrict();
        String second = fx.aSchool(d);
        String schoolAdmin = fx.aPerson(d, "SCHOOL_ADMIN");
        String token = fx.tokenFor(schoolAdmin);
        var both = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "Co", "familyName", "Admin",
                "role", "SCHOOL_ADMIN", "schoolIds", List.of(d.schoolId(), second)));
        String coAdmin = both.text("id");
        var before = DbState.of(jdbc);

        var deactivate = http.post("/api/v1/users/" + coAdmin + "/deactivate", token, null);
        var email = http.send("PATCH", "/api/v1/users/" + coAdmin, token, map("email", "hijack@example.test"));
        var ownRole = http.send("PATCH", "/api/v1/users/" + schoolAdmin, token, map("role", "TEACHER"));
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        var outOfMine = http.send("PATCH", "/api/v1/users/" + coAdmin, token, map("schoolIds", List.of()));

        assertThat(deactivate.status()).as("%s", deactivate).isEqualTo(403);
        assertThat(deactivate.text("code")).isEqualTo("person_of_other_schools");
        assertThat(email.status()).as("%s", email).isEqualTo(403);
        assertThat(ownRole.status()).as("%s", ownRole).isEqualTo(409);
        assertThat(ownRole.text("code")).isEqualTo("cannot_change_own_role");
        assertThat(outOfMine.status()).as("%s", outOfMine).isEqualTo(200);
        assertThat(outOfMine.body().get("schoolIds").toString()).contains(second).doesNotContain(d.schoolId());
    }

    @Test
    void aSearchTextWithAControlCharacterIsRefusedNotSearchedWithoutIt() {
        var d = fx.aDistrict();
        fx.aStudent(d);
        var r = http.get("/api/v1/districts/" + d.id() + "/users?q=%00", Fixtures.ADMIN);
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.text("field")).isEqualTo("q");
    }

    @Test
    void aLoneSurrogateInANameIsRefusedNotStoredAsAQuestionMark() {
        var d = fx.aDistrict();
        var r = http.sendRaw("POST", "/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, "application/json",
                "{\"name\":\"a\\ud800b\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.text("field")).isEqualTo("name");
    }
}
