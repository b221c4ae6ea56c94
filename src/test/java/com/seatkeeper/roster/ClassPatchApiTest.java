package com.seatkeeper.roster;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code PATCH /api/v1/classes/{classId}}: rename, replace the teachers, add and remove students with the
 * console's rules (ClassEditing), all or nothing; ids out of the caller's scope are refused alike whether
 * they exist or not, and a class out of scope is 404.
 */
@ApiTest
class ClassPatchApiTest {
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
    void anAdminRenamesReplacesTeachersAndAddsAndRemovesStudentsInOneCall() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String newTeacher = fx.aTeacher(d);
        List<String> students = fx.students(d, 3);
        String klass = fx.aClass(d, List.of(teacher), students.subList(0, 2));
        String admin = fx.aDistrictAdminTokenOf(d);

        var r = http.send("PATCH", "/api/v1/classes/" + klass, admin, map("name", "Algebra 2", "teacherIds", List.of(newTeacher),
                "addStudentIds", List.of(students.get(2)), "removeStudentIds", List.of(students.get(0))));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("name")).isEqualTo("Algebra 2");
        assertThat(ids(r, "teacherIds")).containsExactly(newTeacher);
        assertThat(ids(r, "studentIds")).containsExactlyInAnyOrder(students.get(1), students.get(2));
        var listed = http.get("/api/v1/districts/" + d.id() + "/classes?teacherId=" + newTeacher, admin);
        assertThat(listed.body().size()).isEqualTo(1);
        assertThat(listed.body().get(0).get("name").asString()).isEqualTo("Algebra 2");
        assertThat(http.get("/api/v1/districts/" + d.id() + "/classes?teacherId=" + teacher, admin).body().size()).isZero();
    }

    @Test
    void idsOutOfScopeAreRefusedAlikeAndNothingOfThePatchIsApplied() {
        var d = fx.aDistrict();
        var other = fx.aDistrict();
        String otherSchool = fx.aSchool(d);
        String teacher = fx.aTeacher(d);
        String klass = fx.aClass(d, List.of(teacher), fx.students(d, 1));
        String admin = fx.aDistrictAdminTokenOf(d);
        String atOtherSchool = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "Other", "familyName",
                "School", "role", "STUDENT", "schoolIds", List.of(otherSchool))).text("id");
        String otherDistrictStudent = fx.aStudent(other);
        String otherDistrictTeacher = fx.aTeacher(other);
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var otherSchoolStudent = http.send("PATCH", "/api/v1/classes/" + klass, admin, map("name", "Renamed",
                "addStudentIds", List.of(atOtherSchool)));
        var otherDistrict = http.send("PATCH", "/api/v1/classes/" + klass, admin, map("name", "Renamed",
                "addStudentIds", List.of(otherDistrictStudent)));
        var unknown = http.send("PATCH", "/api/v1/classes/" + klass, admin, map("name", "Renamed",
                "addStudentIds", List.of(UUID.randomUUID().toString())));
        var foreignTeacher = http.send("PATCH", "/api/v1/classes/" + klass, admin, map("teacherIds", List.of(otherDistrictTeacher)));
        var both = http.send("PATCH", "/api/v1/classes/" + klass, admin, map("addStudentIds", List.of(atOtherSchool),
                "removeStudentIds", List.of(atOtherSchool)));

        for (var r : List.of(otherSchoolStudent, otherDistrict, unknown, foreignTeacher)) {
            assertThat(r.status()).as("%s", r).isEqualTo(422);
            assertThat(r.text("code")).isEqualTo("unknown_user");
        }
        assertThat(both.status()).as("%s", both).isEqualTo(400);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        var klassNow = http.get("/api/v1/districts/" + d.id() + "/classes?teacherId=" + teacher, admin).body().get(0);
        assertThat(klassNow.get("name").asString()).as("the rename of a refused patch is not applied").startsWith("Class ");
    }

    @Test
    void aTeacherEditsTheirOwnClassOnlyAndStaysAmongItsTeachers() {
        var d = fx.aDistrict();
        var other = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String colleague = fx.aTeacher(d);
        String mine = fx.aClass(d, List.of(teacher), List.of());
        String theirs = fx.aClass(d, List.of(colleague), List.of());
        String student = fx.aStudent(d);
        fx.aClass(d, List.of(teacher), List.of(student)); // the teacher's own student, from another of their classes
        String asTeacher = fx.tokenFor(teacher);

        var added = http.send("PATCH", "/api/v1/classes/" + mine, asTeacher, map("addStudentIds", List.of(student)));
        var coTeacher = http.send("PATCH", "/api/v1/classes/" + mine, asTeacher, map("teacherIds", List.of(teacher, colleague)));
        var leaving = http.send("PATCH", "/api/v1/classes/" + mine, asTeacher, map("teacherIds", List.of(colleague)));
        var notMine = http.send("PATCH", "/api/v1/classes/" + theirs, asTeacher, map("name", "Mine now"));
        var otherDistrictAdmin = http.send("PATCH", "/api/v1/classes/" + mine, fx.aDistrictAdminTokenOf(other), map("name", "x"));
        var missing = http.send("PATCH", "/api/v1/classes/" + UUID.randomUUID(), asTeacher, map("name", "x"));

        assertThat(added.status()).as("%s", added).isEqualTo(200);
        assertThat(ids(added, "studentIds")).containsExactly(student);
        assertThat(ids(added, "teacherIds")).containsExactly(teacher);
        // a teacher names only themselves as a teacher (RosterPolicy): a colleague is added by an administrator
        assertThat(coTeacher.status()).as("%s", coTeacher).isEqualTo(422);
        assertThat(coTeacher.text("code")).isEqualTo("unknown_user");
        assertThat(leaving.status()).as("%s", leaving).isEqualTo(400);
        assertThat(leaving.text("field")).isEqualTo("teacherIds");
        assertThat(notMine.status()).isEqualTo(404);
        assertThat(otherDistrictAdmin.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(notMine.text("code")).isEqualTo(missing.text("code"));
    }

    @Test
    void theOpenApiDocumentShowsBothPatchesWithTheirBodies() {
        var docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        var paths = docs.body().get("paths");
        var user = paths.get("/api/v1/users/{userId}").get("patch");
        var klass = paths.get("/api/v1/classes/{classId}").get("patch");
        assertThat(user).isNotNull();
        assertThat(klass).isNotNull();
        assertThat(user.toString()).contains("dryRun");
        var schemas = docs.body().get("components").get("schemas");
        assertThat(schemas.get("UserPatchBody").get("properties").propertyNames())
                .contains("givenName", "familyName", "email", "role", "schoolIds");
        assertThat(schemas.get("PersonChangeView").get("properties").has("releasedLicenses")).isTrue();
        assertThat(schemas.get("ClassPatchBody").get("properties").propertyNames())
                .contains("name", "teacherIds", "addStudentIds", "removeStudentIds");
    }

    private static List<String> ids(Http.Response r, String field) {
        List<String> out = new ArrayList<>();
        r.body().get(field).forEach(n -> out.add(n.asString()));
        return out;
    }
}
