package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every role against every page and action of My Classes &amp; Students, people and schools, over
 * real HTTP with real sign-ins (table-driven); a teacher cannot see or change another teacher's
 * class; nobody sees another district; a form post without CSRF token is refused; a name with
 * markup is shown escaped.
 */
@ApiTest
public class ConsoleAccessTest {
    private static final String PW = "access pw 1";
    private static final String XSS = "<script>alert(1)</script>";
    /** Column order of the expectations. */
    private static final List<String> ROLES = List.of("vendor", "districtAdmin", "schoolAdmin", "otherSchoolAdmin", "teacher",
            "otherTeacher", "otherDistrictAdmin", "anonymous");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    record Call(String method, String path, Map<String, Object> form, String expected) {}

    @Test
    void everyRoleAgainstEveryPageAndAction() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String school2 = fx.aSchool(d);
        var other = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String otherTeacher = fx.aTeacher(d);
        List<String> kids = fx.students(d, 3);
        String klass = fx.aClass(d, List.of(teacher), kids);
        String leaver = fx.aStudent(d);
        String pool = fx.aStudentPool(d, 100).id();

        Map<String, ConsoleClient> as = new LinkedHashMap<>();
        accounts.ensureVendorAccount("vendor-" + UUID.randomUUID() + "@example.test", PW);
        String vendorEmail = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(vendorEmail, PW);
        as.put("vendor", ConsoleClient.signedIn(port, vendorEmail, PW));
        as.put("districtAdmin", signedIn(fx.aDistrictAdmin(d)));
        as.put("schoolAdmin", signedIn(fx.aPerson(d, "SCHOOL_ADMIN")));
        as.put("otherSchoolAdmin", signedIn(insertPerson(jdbc, d.id(), school2, "Other", "Principal", "SCHOOL_ADMIN", "MANUAL")));
        as.put("teacher", signedIn(teacher));
        as.put("otherTeacher", signedIn(otherTeacher));
        as.put("otherDistrictAdmin", signedIn(fx.aDistrictAdmin(other)));
        as.put("anonymous", ConsoleClient.anonymous(port));

        String c = "/classes/" + klass;
        String kid = kids.get(0);
        List<Call> table = List.of(
                //                                                                    vendor DA  SA  SA2 T   T2  OD  anon
                new Call("GET", "/classes", Map.of(), "                                403 200 200 200 200 200 200 302"),
                new Call("GET", "/classes/new", Map.of(), "                            403 200 200 200 200 200 200 302"),
                new Call("POST", "/classes", Map.of("name", "New class", "schoolId", d.schoolId()), "403 302 302 200 302 302 200 302"),
                new Call("GET", c, Map.of(), "                                         403 200 200 404 200 404 404 302"),
                new Call("GET", c + "/edit", Map.of(), "                               403 200 200 404 200 404 404 302"),
                new Call("GET", c + "/candidates?q=a", Map.of(), "                     403 200 200 404 200 404 404 302"),
                new Call("POST", c + "/licenses/preview", Map.of("poolId", pool, "who", "class"), "403 200 200 404 200 404 404 302"),
                new Call("POST", c + "/licenses/assign", Map.of("poolId", pool, "studentId", kid, "mode", "AVAILABLE_SEATS"),
                        "                                                              403 200 200 404 200 404 404 302"),
                new Call("POST", c + "/licenses/unassign", Map.of("poolId", pool, "studentId", kid), "403 200 200 404 200 404 404 302"),
                new Call("POST", c + "/licenses/one", Map.of("target", "assign:" + pool + ":" + kid), "403 200 200 404 200 404 404 302"),
                new Call("POST", c + "/name", Map.of("name", "Renamed"), "             403 302 302 404 302 404 404 302"),
                new Call("POST", c + "/students/new", Map.of("givenName", "New", "familyName", "Kid"), "403 302 302 404 302 404 404 302"),
                new Call("POST", c + "/students/add", Map.of("studentId", leaver), "   403 302 302 404 302 404 404 302"),
                new Call("POST", c + "/students/remove", Map.of("studentId", UUID.randomUUID().toString()), "403 302 302 404 302 404 404 302"),
                new Call("GET", "/people", Map.of(), "                                 403 200 200 200 403 403 200 302"),
                new Call("GET", "/people/new", Map.of(), "                             403 200 200 200 403 403 200 302"),
                new Call("POST", "/people", Map.of("givenName", "Pat", "familyName", "Doe", "role", "STUDENT", "schoolIds", d.schoolId()),
                        "                                                              403 302 302 200 403 403 200 302"),
                new Call("GET", "/people/" + kid + "/edit", Map.of(), "                403 200 200 404 403 403 404 302"),
                new Call("POST", "/people/" + kid, Map.of("givenName", "Kim", "familyName", "Lee", "role", "STUDENT", "schoolIds", d.schoolId()),
                        "                                                              403 302 302 404 403 403 404 302"),
                new Call("GET", "/people/" + leaver + "/deactivate", Map.of(), "       403 200 200 404 403 403 404 302"),
                new Call("POST", "/people/" + leaver + "/deactivate", Map.of(), "      403 302 302 404 403 403 404 302"),
                new Call("POST", "/people/" + leaver + "/reactivate", Map.of(), "      403 302 302 404 403 403 404 302"),
                new Call("GET", "/schools", Map.of(), "                                403 200 200 200 403 403 200 302"),
                new Call("POST", "/schools", Map.of("name", "Another school"), "       403 302 403 403 403 403 302 302"),
                new Call("POST", "/schools/" + d.schoolId(), Map.of("name", "Renamed school"), "403 302 302 404 403 403 404 302"),
                new Call("POST", "/schools/" + d.schoolId() + "/teacher-enrollment", Map.of("allowed", "true"),
                        "                                                              403 302 302 404 403 403 404 302"),
                // the Upload page: the vendor admin without ?district= is asked to choose one; a post without files is answered on the page
                new Call("GET", "/console/imports", Map.of(), "                        200 200 403 403 403 403 200 302"),
                // another district's id is 404 (never the caller's own district in its place)
                new Call("GET", "/console/imports?district=" + d.id(), Map.of(), "     200 200 403 403 403 403 404 302"),
                new Call("POST", "/console/imports", Map.of("dryRun", "true"), "       200 200 403 403 403 403 200 302"));

        SoftAssertions soft = new SoftAssertions();
        for (Call call : table) {
            String[] expected = call.expected().trim().split("\\s+");
            assertThat(expected).as(call.path()).hasSize(ROLES.size());
            for (int i = 0; i < ROLES.size(); i++) {
                ConsoleClient client = as.get(ROLES.get(i));
                ConsoleClient.Response r = call.method().equals("GET") ? client.get(call.path()) : client.post(call.path(), call.form());
                soft.assertThat(r.status()).as("%s %s as %s: %s", call.method(), call.path(), ROLES.get(i), r)
                        .isEqualTo(Integer.parseInt(expected[i]));
                if (ROLES.get(i).equals("anonymous")) {
                    soft.assertThat(r.redirectsToLogin()).as("%s %s anonymous goes to sign-in", call.method(), call.path()).isTrue();
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void aTeacherCannotSeeOrChangeAnotherTeachersClassAndNoOneSeesAnotherDistrict() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String owner = fx.aTeacher(d);
        List<String> kids = fx.students(d, 2);
        String klass = fx.aClass(d, List.of(owner), kids);
        String pool = fx.aStudentPool(d, 5).id();
        ConsoleClient intruder = signedIn(fx.aTeacher(d));
        ConsoleClient foreignAdmin = signedIn(fx.aDistrictAdmin(fx.aDistrict()));
        String before = className(klass);

        for (ConsoleClient c : List.of(intruder, foreignAdmin)) {
            assertThat(c.get("/classes/" + klass).status()).isEqualTo(404);
            assertThat(c.get("/classes").body()).doesNotContain(before);
            assertThat(c.post("/classes/" + klass + "/name", Map.of("name", "Taken over")).status()).isEqualTo(404);
            assertThat(c.post("/classes/" + klass + "/students/remove", Map.of("studentId", kids)).status()).isEqualTo(404);
            assertThat(c.post("/classes/" + klass + "/licenses/assign", Map.of("poolId", pool, "studentId", kids, "mode", "AVAILABLE_SEATS"))
                    .status()).isEqualTo(404);
        }
        assertThat(className(klass)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from enrollments where class_id = ? and role = 'STUDENT'").param(UUID.fromString(klass))
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(fx.available(new Fixtures.Pool(pool, d.id()))).isEqualTo(5);
        // the foreign admin cannot open this district's people either
        assertThat(foreignAdmin.get("/people/" + kids.get(0) + "/edit").status()).isEqualTo(404);
        assertThat(foreignAdmin.get("/people?q=" + http.get("/api/v1/users/" + kids.get(0), Fixtures.ADMIN).text("familyName")).body())
                .doesNotContain(kids.get(0));
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String klass = fx.aClass(d, List.of(teacher), fx.students(d, 1));
        String before = className(klass);
        ConsoleClient c = signedIn(teacher);

        assertThat(c.postWithoutCsrf("/classes/" + klass + "/name", Map.of("name", "No token")).status()).isEqualTo(403);
        assertThat(c.postWithoutCsrf("/classes/" + klass + "/licenses/preview", Map.of("who", "class")).status()).isEqualTo(403);
        assertThat(className(klass)).isEqualTo(before);
        // the same post with the token (form field, or header as htmx sends it) is accepted
        assertThat(c.post("/classes/" + klass + "/name", Map.of("name", "With token")).status()).isEqualTo(302);
        assertThat(c.htmxPost("/classes/" + klass + "/licenses/preview", Map.of("who", "class")).status()).isEqualTo(200);
        assertThat(className(klass)).isEqualTo("With token");
    }

    @Test
    void aNameWithMarkupIsShownEscapedOnTheClassPageAndThePeopleList() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String evil = insertPerson(jdbc, d.id(), d.schoolId(), XSS, XSS, "STUDENT", "MANUAL");
        String klass = fx.aClass(d, List.of(teacher), List.of(evil));
        String pool = fx.aStudentPool(d, 1).id();
        ConsoleClient t = signedIn(teacher);
        ConsoleClient admin = signedIn(fx.aDistrictAdmin(d));

        for (ConsoleClient.Response r : List.of(t.get("/classes/" + klass), t.get("/classes/" + klass + "/edit"),
                t.htmxPost("/classes/" + klass + "/licenses/one", Map.of("target", "assign:" + pool + ":" + evil)),
                admin.get("/people"), admin.get("/people?q=script"), admin.get("/people/" + evil + "/edit"))) {
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(r.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(XSS);
        }
    }

    private String className(String klass) {
        return jdbc.sql("select name from classes where id = ?").param(UUID.fromString(klass)).query(String.class).single();
    }

    private ConsoleClient signedIn(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return ConsoleClient.signedIn(port, emailOf(jdbc, userId), PW);
    }

    static String emailOf(JdbcClient jdbc, String userId) {
        return jdbc.sql("select email from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
    }

    /** A person written straight to the database (a synced person, or a name the API would not take). */
    public static String insertPerson(JdbcClient jdbc, String districtId, String schoolId, String given, String family, String role, String source) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, now(), now())""")
                .params(id, UUID.fromString(districtId), given, family, "p" + id + "@example.test", role, source,
                        "MANUAL".equals(source) ? null : "src-" + id)
                .update();
        jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?)")
                .params(UUID.fromString(districtId), id, UUID.fromString(schoolId)).update();
        return id.toString();
    }

    /** A class written straight to the database (a synced class of a Clever district). */
    static String insertClass(JdbcClient jdbc, String districtId, String schoolId, String name, List<String> teachers, List<String> students) {
        UUID id = UUID.randomUUID();
        UUID district = UUID.fromString(districtId);
        jdbc.sql("insert into classes (id, district_id, school_id, name, source, sourced_id, created_at) values (?, ?, ?, ?, 'CLEVER', ?, now())")
                .params(id, district, UUID.fromString(schoolId), name, "src-" + id).update();
        for (String t : teachers) {
            jdbc.sql("insert into enrollments (district_id, class_id, user_id, role) values (?, ?, ?, 'TEACHER')").params(district, id, UUID.fromString(t)).update();
        }
        for (String s : students) {
            jdbc.sql("insert into enrollments (district_id, class_id, user_id, role) values (?, ?, ?, 'STUDENT')").params(district, id, UUID.fromString(s)).update();
        }
        return id.toString();
    }
}
