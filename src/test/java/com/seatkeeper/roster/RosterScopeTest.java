package com.seatkeeper.roster;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 7 §1: every person and school a write names is checked in the service against the caller's
 * scope, with one answer for ids that do not exist and ids out of scope; a teacher enrolls only
 * students of their classes or created by them unless the school allows any; names and emails are
 * checked alike in the API and the console; schools of Clever districts are read-only for district
 * admins; school admins see holders and ledger rows of their schools' people only.
 */
@ApiTest
class RosterScopeTest {
    static final String PW = "scope-test-pw-123";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Accounts accounts;

    Http http;
    Fixtures fx;
    Fixtures.District d;
    String schoolB;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict();
        schoolB = fx.aSchool(d);
    }

    @Test
    void aTeacherCannotPutAStudentOfAnotherSchoolIntoANewClassNorProbeWhichIdsExist() {
        String teacher = fx.aTeacher(d);
        String elsewhere = personAt(schoolB, "STUDENT");
        String colleague = fx.aTeacher(d);
        var pool = fx.aStudentPool(d, 5);
        String asTeacher = fx.tokenFor(teacher);
        assertThat(http.get("/api/v1/users/" + elsewhere, asTeacher).status()).isEqualTo(404);

        DbState before = DbState.of(jdbc);
        var refused = newClass(asTeacher, d.schoolId(), List.of(teacher), List.of(elsewhere));
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("unknown_user");
        assertThat(refused.text("field")).isEqualTo("studentIds");
        assertSameAnswer(refused, elsewhere, newClass(asTeacher, d.schoolId(), List.of(teacher), List.of(UUID.randomUUID().toString())));
        assertThat(DbState.of(jdbc)).isEqualTo(before);

        assertThat(http.get("/api/v1/users/" + elsewhere, asTeacher).status()).as("still invisible").isEqualTo(404);
        assertThat(http.put("/api/v1/license-pools/" + pool.id() + "/assignments/" + elsewhere, asTeacher).status()).isEqualTo(404);
        // a class at another school, or another teacher named, is refused the same way
        assertThat(newClass(asTeacher, schoolB, List.of(teacher), List.of()).text("code")).isEqualTo("unknown_school");
        var otherTeacher = newClass(asTeacher, d.schoolId(), List.of(colleague), List.of());
        assertThat(otherTeacher.status()).isEqualTo(422);
        assertThat(otherTeacher.text("field")).isEqualTo("teacherIds");
        assertThat(DbState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aSchoolAdminCannotUseOrProbePeopleAndSchoolsOfOtherSchools() {
        String principal = fx.aPerson(d, "SCHOOL_ADMIN");
        String asPrincipal = fx.tokenFor(principal);
        String studentB = personAt(schoolB, "STUDENT");
        String teacherB = personAt(schoolB, "TEACHER");
        String teacherA = fx.aTeacher(d);
        String studentA = fx.aStudent(d);

        DbState before = DbState.of(jdbc);
        var students = newClass(asPrincipal, d.schoolId(), List.of(teacherA), List.of(studentA, studentB));
        assertThat(students.status()).as("%s", students).isEqualTo(422);
        assertThat(students.body().get("userIds").toString()).contains(studentB).doesNotContain(studentA);
        assertSameAnswer(students, studentB, newClass(asPrincipal, d.schoolId(), List.of(teacherA),
                List.of(studentA, UUID.randomUUID().toString())));
        var teachers = newClass(asPrincipal, d.schoolId(), List.of(teacherB), List.of());
        assertThat(teachers.status()).isEqualTo(422);
        assertSameAnswer(teachers, teacherB, newClass(asPrincipal, d.schoolId(), List.of(UUID.randomUUID().toString()), List.of()));
        var school = newClass(asPrincipal, schoolB, List.of(), List.of());
        assertThat(school.status()).isEqualTo(422);
        assertSameAnswer(school, schoolB, newClass(asPrincipal, UUID.randomUUID().toString(), List.of(), List.of()));
        var person = http.post("/api/v1/districts/" + d.id() + "/users", asPrincipal, map("givenName", "Pat", "familyName", "Doe",
                "role", "STUDENT", "schoolIds", List.of(schoolB)));
        assertThat(person.status()).isEqualTo(422);
        assertThat(person.text("code")).isEqualTo("unknown_school");
        var admin = http.post("/api/v1/districts/" + d.id() + "/users", asPrincipal, map("givenName", "Pat", "familyName", "Doe",
                "role", "DISTRICT_ADMIN", "schoolIds", List.of(d.schoolId())));
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.text("code")).isEqualTo("role_not_allowed");
        assertThat(DbState.of(jdbc)).isEqualTo(before);

        var ok = newClass(asPrincipal, d.schoolId(), List.of(teacherA), List.of(studentA));
        assertThat(ok.status()).as("%s", ok).isEqualTo(201);
    }

    @Test
    void aTeacherEnrollsOnlyTheirOwnStudentsUnlessTheSchoolAllowsAny() {
        String teacher = fx.aTeacher(d);
        String colleague = fx.aTeacher(d);
        String principal = fx.aPerson(d, "SCHOOL_ADMIN");
        String colleaguesStudent = fx.aStudent(d);
        String mine = fx.aStudent(d);
        String studentB = personAt(schoolB, "STUDENT");
        fx.aClass(d, List.of(colleague), List.of(colleaguesStudent));
        String myClass = fx.aClass(d, List.of(teacher), List.of());
        fx.aClass(d, List.of(teacher), List.of(mine));
        String asTeacher = fx.tokenFor(teacher);

        // the API: another teacher's student is refused, their own student is fine
        DbState before = DbState.of(jdbc);
        var pulled = newClass(asTeacher, d.schoolId(), List.of(teacher), List.of(colleaguesStudent));
        assertThat(pulled.status()).as("%s", pulled).isEqualTo(422);
        assertThat(pulled.text("code")).isEqualTo("unknown_user");
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        assertThat(newClass(asTeacher, d.schoolId(), List.of(teacher), List.of(mine)).status()).isEqualTo(201);

        // a student the teacher creates (at their own school only, and no other role) may be enrolled
        var created = http.post("/api/v1/districts/" + d.id() + "/users", asTeacher, map("givenName", "New", "familyName", "Kid",
                "role", "STUDENT", "schoolIds", List.of(d.schoolId())));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(newClass(asTeacher, d.schoolId(), List.of(), List.of(created.text("id"))).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/districts/" + d.id() + "/users", asTeacher, map("givenName", "New", "familyName", "Kid",
                "role", "STUDENT", "schoolIds", List.of(schoolB))).text("code")).isEqualTo("unknown_school");
        assertThat(http.post("/api/v1/districts/" + d.id() + "/users", asTeacher, map("givenName", "New", "familyName", "Kid",
                "role", "STUDENT", "schoolIds", List.of())).text("field")).isEqualTo("schoolIds");
        assertThat(http.post("/api/v1/districts/" + d.id() + "/users", asTeacher, map("givenName", "New", "familyName", "Teacher",
                "role", "TEACHER", "schoolIds", List.of(d.schoolId()))).status()).isEqualTo(403);

        // the console: the candidates offer no one the service refuses, and adding them is refused inline
        ConsoleClient console = signedIn(teacher);
        String candidates = console.get("/classes/" + myClass + "/candidates?q=").body();
        assertThat(candidates).contains(mine).doesNotContain(colleaguesStudent).doesNotContain(studentB);
        var add = console.post("/classes/" + myClass + "/students/add", Map.of("studentId", colleaguesStudent));
        assertThat(add.status()).isEqualTo(302);
        assertThat(console.get(path(add)).body()).contains("Nothing was changed.").contains(colleaguesStudent);
        assertThat(enrolled(myClass)).isEmpty();

        // the school admin allows any student of the school: then the colleague's student may be enrolled, a student of B never
        String asPrincipal = fx.tokenFor(principal);
        var allowed = http.send("PATCH", "/api/v1/schools/" + d.schoolId(), asPrincipal, map("teachersMayEnrollAnyStudent", true));
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
        assertThat(allowed.body().get("teachersMayEnrollAnyStudent").asBoolean()).isTrue();
        assertThat(console.get("/classes/" + myClass + "/candidates?q=").body()).contains(colleaguesStudent).doesNotContain(studentB);
        console.post("/classes/" + myClass + "/students/add", Map.of("studentId", colleaguesStudent));
        assertThat(enrolled(myClass)).containsExactly(colleaguesStudent);
        assertThat(newClass(asTeacher, d.schoolId(), List.of(teacher), List.of(studentB)).status()).isEqualTo(422);
    }

    @Test
    void theTeacherEnrollmentSettingIsChangedOnlyByAdminsOfThatSchoolOrDistrict() {
        String teacher = fx.aTeacher(d);
        String principalB = personAt(schoolB, "SCHOOL_ADMIN");
        String foreign = fx.aDistrictAdminTokenOf(fx.aDistrict());
        String asAdmin = fx.aDistrictAdminTokenOf(d);
        String asTeacher = fx.tokenFor(teacher);
        String asPrincipalB = fx.tokenFor(principalB);
        Map<String, Object> allow = map("teachersMayEnrollAnyStudent", true);
        DbState before = DbState.of(jdbc);
        assertThat(http.send("PATCH", "/api/v1/schools/" + d.schoolId(), asTeacher, allow).status()).isEqualTo(403);
        assertThat(http.send("PATCH", "/api/v1/schools/" + d.schoolId(), asPrincipalB, allow).status()).isEqualTo(404);
        assertThat(http.send("PATCH", "/api/v1/schools/" + d.schoolId(), foreign, allow).status()).isEqualTo(404);
        assertThat(http.send("PATCH", "/api/v1/schools/" + UUID.randomUUID(), asAdmin, allow).status()).isEqualTo(404);
        assertThat(setting(d.schoolId())).isFalse();
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        var ok = http.send("PATCH", "/api/v1/schools/" + d.schoolId(), asAdmin, allow);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(setting(d.schoolId())).isTrue();

        // and in the console's Schools page, by that school's admin
        ConsoleClient principal = signedIn(principalB);
        assertThat(principal.get("/schools").body()).contains("teacher-enrollment-" + schoolB);
        principal.post("/schools/" + schoolB + "/teacher-enrollment", Map.of("allowed", "true"));
        assertThat(setting(schoolB)).isTrue();
        assertThat(principal.post("/schools/" + d.schoolId() + "/teacher-enrollment", Map.of("allowed", "false")).status()).isEqualTo(404);
        assertThat(setting(d.schoolId())).isTrue();
    }

    @Test
    void namesAndEmailsAreRefusedAlikeInTheApiAndTheConsole() {
        String admin = fx.aDistrictAdmin(d);
        String token = fx.tokenFor(admin);
        String klass = fx.aClass(d, List.of(), List.of());
        String kid = fx.aStudent(d);
        String users = "/api/v1/districts/" + d.id() + "/users";
        DbState before = DbState.of(jdbc);
        assertField(http.post(users, token, person("Pat\u0000", "Doe", null)), "givenName", "control character");
        assertField(http.post(users, token, person("Pat", "\u0085Doe", null)), "familyName", "control character");
        assertField(http.post(users, token, person("Pat", "D".repeat(101), null)), "familyName", "at most 100");
        assertField(http.post(users, token, person("Pat", "Doe", "not-an-email")), "email", "not an email");
        assertField(http.post(users, token, person(" ", "Doe", null)), "givenName", "required");
        assertField(newClass(token, d.schoolId(), List.of(), List.of(), "Math\u0001"), "name", "control character");
        assertField(newClass(token, d.schoolId(), List.of(), List.of(), "M".repeat(201)), "name", "at most 200");
        assertField(http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, map("name", "S\u0000")), "name", "control character");
        assertField(http.send("PATCH", "/api/v1/schools/" + d.schoolId(), token, map("name", "S\u0007")), "name", "control character");
        assertThat(DbState.of(jdbc)).isEqualTo(before);

        ConsoleClient console = signedIn(admin);
        assertThat(console.post("/people", Map.of("givenName", "Pat\u0000", "familyName", "Doe", "role", "STUDENT", "schoolIds", d.schoolId()))
                .body()).contains("givenName contains a control character (U+0000)");
        assertThat(console.post("/people", Map.of("givenName", "Pat", "familyName", "Doe", "email", "not-an-email", "role", "STUDENT",
                "schoolIds", d.schoolId())).body()).contains("is not an email address");
        assertThat(console.post("/people", Map.of("givenName", "P".repeat(101), "familyName", "Doe", "role", "STUDENT",
                "schoolIds", d.schoolId())).body()).contains("at most 100 are allowed");
        assertThat(console.post("/people/" + kid, Map.of("givenName", "Kim", "familyName", "Lee\u009F", "role", "STUDENT",
                "schoolIds", d.schoolId())).body()).contains("familyName contains a control character (U+009F)");
        assertThat(console.post("/classes", Map.of("name", "Math\u0001", "schoolId", d.schoolId())).body())
                .contains("name contains a control character (U+0001)");
        // the forms come back with the message at the field (ConsoleFormsRefuseLikeTheApiTest covers every form)
        assertThat(console.post("/classes/" + klass + "/name", Map.of("name", "Bad\u0000")).body()).contains("name contains a control character");
        assertThat(console.post("/classes/" + klass + "/students/new", Map.of("givenName", "Kid", "familyName", "X".repeat(101))).body())
                .contains("familyName is 101 characters long");
        assertThat(console.post("/schools", Map.of("name", "S\u0000")).body()).contains("name contains a control character");
        assertThat(DbState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aSchoolAdminCannotChangeOrDeactivateADistrictAdminOfTheirSchool() {
        String principal = fx.aPerson(d, "SCHOOL_ADMIN");
        String districtAdmin = fx.aDistrictAdmin(d);
        String asPrincipal = fx.tokenFor(principal);
        ConsoleClient console = signedIn(principal);
        DbState before = DbState.of(jdbc);
        assertThat(console.post("/people/" + districtAdmin, Map.of("givenName", "Demoted", "familyName", "Admin", "role", "TEACHER",
                "schoolIds", d.schoolId())).body()).contains("You may not create or change people with role DISTRICT_ADMIN");
        var deactivate = http.post("/api/v1/users/" + districtAdmin + "/deactivate", asPrincipal, null);
        assertThat(deactivate.status()).isEqualTo(403);
        assertThat(deactivate.text("code")).isEqualTo("role_not_allowed");
        assertThat(DbState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void schoolsOfACleverDistrictAreReadOnlyForItsAdminsButNotForTheVendor() {
        var clever = fx.aDistrict("CLEVER");
        String admin = synced(clever, "DISTRICT_ADMIN");
        String token = fx.tokenFor(admin);
        DbState before = DbState.of(jdbc);
        var add = http.post("/api/v1/districts/" + clever.id() + "/schools", token, map("name", "By hand"));
        assertThat(add.status()).as("%s", add).isEqualTo(409);
        assertThat(add.text("code")).isEqualTo("roster_read_only");
        var rename = http.send("PATCH", "/api/v1/schools/" + clever.schoolId(), token, map("name", "Renamed"));
        assertThat(rename.status()).isEqualTo(409);
        assertThat(rename.text("code")).isEqualTo("roster_read_only");
        ConsoleClient console = signedIn(admin);
        var page = console.post("/schools", Map.of("name", "By hand"));
        assertThat(page.status()).as("the page again, with the refusal").isEqualTo(200);
        assertThat(page.body()).contains("Nothing was changed.").contains("come from Clever");
        console.post("/schools/" + clever.schoolId() + "/deactivate", Map.of());
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        // the teacher enrollment setting is Seatkeeper's own: it may be set in a Clever district too
        assertThat(http.send("PATCH", "/api/v1/schools/" + clever.schoolId(), token, map("teachersMayEnrollAnyStudent", true)).status())
                .isEqualTo(200);
        // the vendor admin may (support and set-up)
        assertThat(http.post("/api/v1/districts/" + clever.id() + "/schools", Fixtures.ADMIN, map("name", "Set up")).status()).isEqualTo(201);
        assertThat(http.send("PATCH", "/api/v1/schools/" + clever.schoolId(), Fixtures.ADMIN, map("name", "Renamed")).status()).isEqualTo(200);
    }

    @Test
    void aSchoolAdminSeesHoldersAndLedgerRowsOfTheirSchoolsPeopleOnly() {
        String principal = fx.aPerson(d, "SCHOOL_ADMIN");
        String here = fx.aTeacher(d);
        String there = personAt(schoolB, "TEACHER");
        var pool = fx.anEducatorPool(d, 5);
        assertThat(fx.assign(pool, here).status()).isEqualTo(201);
        assertThat(fx.assign(pool, there).status()).isEqualTo(201);
        String asPrincipal = fx.tokenFor(principal);

        var holders = http.get("/api/v1/license-pools/" + pool.id() + "/assignments", asPrincipal);
        assertThat(holders.status()).isEqualTo(200);
        assertThat(holders.raw()).contains(here).doesNotContain(there);
        assertThat(holders.headers().firstValue("X-Total-Count")).contains("1");
        var ledger = http.get("/api/v1/license-pools/" + pool.id() + "/ledger", asPrincipal);
        assertThat(ledger.raw()).contains(here).doesNotContain(there).contains("POOL_OPENED");
        assertThat(http.get("/api/v1/license-pools/" + pool.id() + "/ledger?userId=" + there, asPrincipal).body()).isEmpty();
        // a district admin sees both
        assertThat(fx.holderIds(pool)).containsExactlyInAnyOrder(here, there);
        // a seat moved from the other school's person to one of theirs: the row shows, its other side blank
        String newcomer = fx.aTeacher(d);
        assertThat(fx.reassign(pool, there, newcomer).status()).isEqualTo(200);
        var moved = http.get("/api/v1/license-pools/" + pool.id() + "/ledger?action=REASSIGNED", asPrincipal);
        assertThat(moved.body()).hasSize(1);
        assertThat(moved.body().get(0).get("userId").asString()).isEqualTo(newcomer);
        assertThat(moved.body().get(0).get("fromUserId").isNull()).isTrue();
        assertThat(moved.raw()).doesNotContain(there);

        ConsoleClient console = signedIn(principal);
        String page = console.get("/licenses/" + pool.id() + "/holders").body();
        assertThat(page).contains(here).doesNotContain(there);
        assertThat(console.get("/licenses/" + pool.id() + "/ledger").body()).doesNotContain(there);
        assertThat(console.get("/licenses/" + pool.id() + "/holders.csv").body()).contains(here).doesNotContain(there);
    }

    /** The "add students" picker's list refuses as adding does for a class whose roster comes from Clever: it offers no one. */
    @Test
    void aReadOnlyClassOffersNoCandidates() {
        var clever = fx.aDistrict("CLEVER");
        String admin = synced(clever, "DISTRICT_ADMIN");
        String student = synced(clever, "STUDENT");
        UUID klass = UUID.randomUUID();
        jdbc.sql("""
                insert into classes (id, district_id, school_id, name, source, sourced_id, created_at)
                values (?, ?, ?, 'Synced class', 'CLEVER', ?, now())""")
                .params(klass, UUID.fromString(clever.id()), UUID.fromString(clever.schoolId()), "src-" + klass).update();
        ConsoleClient console = signedIn(admin);

        var candidates = console.get("/classes/" + klass + "/candidates?q=");
        assertThat(candidates.status()).isEqualTo(409);
        assertThat(candidates.body()).contains("comes from Clever").doesNotContain(student).doesNotContain("Synced Person");
        var add = console.post("/classes/" + klass + "/students/add", Map.of("studentId", student));
        assertThat(console.get(path(add)).body()).contains("Nothing was changed.").contains("comes from Clever");
    }

    // ------------------------------------------------------------------ helpers

    /** A person of a Clever district, written as a sync would (the API refuses people by hand there). */
    private String synced(Fixtures.District district, String role) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, created_at, updated_at)
                values (?, ?, 'Synced', 'Person', ?, ?, 'ACTIVE', 'CLEVER', ?, now(), now())""")
                .params(id, UUID.fromString(district.id()), "synced-" + id + "@example.test", role, "src-" + id).update();
        jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?)")
                .params(UUID.fromString(district.id()), id, UUID.fromString(district.schoolId())).update();
        return id.toString();
    }

    /** The path of a redirect's target. */
    private static String path(ConsoleClient.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(302);
        return URI.create(r.location()).getPath();
    }

    private String personAt(String school, String role) {
        String n = UUID.randomUUID().toString().substring(0, 8);
        var r = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "G" + n, "familyName", role.toLowerCase() + n,
                "email", role.toLowerCase() + n + "@example.test", "role", role, "schoolIds", List.of(school)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    private Http.Response newClass(String token, String school, List<String> teachers, List<String> students) {
        return newClass(token, school, teachers, students, "Class " + UUID.randomUUID().toString().substring(0, 6));
    }

    private Http.Response newClass(String token, String school, List<String> teachers, List<String> students, String name) {
        return http.post("/api/v1/districts/" + d.id() + "/classes", token, map("name", name, "schoolId", school, "teacherIds", teachers,
                "studentIds", students));
    }

    private static Map<String, Object> person(String given, String family, String email) {
        Map<String, Object> m = map("givenName", given, "familyName", family, "role", "STUDENT");
        if (email != null) {
            m.put("email", email);
        }
        return m;
    }

    /** The refusal for an id out of scope and for an unknown id: same status, code, field and wording but for the id. */
    private static void assertSameAnswer(Http.Response outOfScope, String id, Http.Response unknown) {
        assertThat(unknown.status()).isEqualTo(outOfScope.status());
        assertThat(unknown.text("code")).isEqualTo(outOfScope.text("code"));
        assertThat(unknown.text("field")).isEqualTo(outOfScope.text("field"));
        String unknownId = unknown.raw().replaceAll(".*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}).*", "$1");
        assertThat(unknown.text("detail").replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID"))
                .isEqualTo(outOfScope.text("detail").replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID"));
        assertThat(outOfScope.text("detail")).contains(id);
        assertThat(unknownId).isNotNull();
    }

    private static void assertField(Http.Response r, String field, String says) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("invalid_request");
        assertThat(r.text("field")).isEqualTo(field);
        assertThat(r.text("detail")).contains(says);
    }

    private List<String> enrolled(String klass) {
        List<String> ids = new ArrayList<>();
        jdbc.sql("select user_id from enrollments where class_id = ? and role = 'STUDENT'").param(UUID.fromString(klass))
                .query(UUID.class).list().forEach(u -> ids.add(u.toString()));
        return ids;
    }

    private boolean setting(String school) {
        return jdbc.sql("select teachers_may_enroll_any_student from schools where id = ?").param(UUID.fromString(school))
                .query(Boolean.class).single();
    }

    private ConsoleClient signedIn(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
        return ConsoleClient.signedIn(port, email, PW);
    }
}
