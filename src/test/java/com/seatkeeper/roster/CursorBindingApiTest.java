package com.seatkeeper.roster;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A cursor opens only for the list that gave it (docs/design.md "Paged lists"): each keyset list of the API is walked
 * one row at a time, and its cursor is replayed with each thing that defines the list changed in turn — a filter, the
 * district, the caller — which is the same 400 {@code invalid_cursor} naming {@code after}, while the unchanged request
 * still reads the next page.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CursorBindingApiTest {
    @LocalServerPort
    int port;

    Http http;
    Fixtures fx;
    Fixtures.District d;
    Fixtures.District d2;
    String schoolB;
    String teacherToken;
    String schoolAdminToken;
    String districtAdminToken;
    String teacher;
    Fixtures.Pool pool;
    Fixtures.Pool otherPool;

    @BeforeAll
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict();
        d2 = fx.aDistrict();
        schoolB = fx.aSchool(d);
        List<String> smiths = new ArrayList<>();
        for (Fixtures.District district : List.of(d, d2)) {
            for (int i = 0; i < 3; i++) {
                String id = person(district, district.schoolId(), "STUDENT", "Smith");
                if (district == d) {
                    smiths.add(id);
                }
                person(district, district.schoolId(), "TEACHER", "Wright" + i);
                fx.aClass(district, List.of(), List.of());
            }
        }
        for (int i = 0; i < 3; i++) {
            person(d, schoolB, "STUDENT", "Smith");
            classAt(d, schoolB);
        }
        teacher = person(d, d.schoolId(), "TEACHER", "Teach");
        fx.aClass(d, List.of(teacher), smiths);
        fx.aClass(d, List.of(teacher), List.of());
        teacherToken = fx.tokenFor(teacher);
        schoolAdminToken = fx.tokenFor(person(d, d.schoolId(), "SCHOOL_ADMIN", "Principal"));
        districtAdminToken = fx.aDistrictAdminTokenOf(d);
        pool = fx.aStudentPool(d, 10);
        otherPool = fx.aStudentPool(d, 10);
        for (String s : smiths) {
            assertThat(fx.assign(pool, s).status()).isEqualTo(201);
            assertThat(fx.assign(otherPool, s).status()).isEqualTo(201);
        }
    }

    @Test
    void a_people_cursor_is_refused_under_another_filter_district_or_caller() {
        String users = "/api/v1/districts/" + d.id() + "/users";
        String query = "?role=STUDENT&q=Smith&limit=1";
        String c = cursor(users + query, districtAdminToken);
        assertThat(http.get(users + query + "&after=" + c, districtAdminToken).status()).as("the same list").isEqualTo(200);
        refused(users + "?role=TEACHER&limit=100&after=" + c, districtAdminToken);
        refused(users + "?role=STUDENT&limit=1&after=" + c, districtAdminToken);
        refused(users + "?role=STUDENT&q=Smit&limit=1&after=" + c, districtAdminToken);
        refused(users + query + "&schoolId=" + d.schoolId() + "&after=" + c, districtAdminToken);
        refused(users + query + "&sourcedId=x&after=" + c, districtAdminToken);
        refused("/api/v1/districts/" + d2.id() + "/users" + query + "&after=" + c, Fixtures.ADMIN);
        refused(users + query + "&after=" + c, schoolAdminToken);
        refused(users + query + "&after=" + c, teacherToken);
        // a school admin's and a teacher's cursors are theirs too
        String mine = cursor(users + query, schoolAdminToken);
        assertThat(http.get(users + query + "&after=" + mine, schoolAdminToken).status()).isEqualTo(200);
        refused(users + query + "&after=" + mine, districtAdminToken);
        String teachers = cursor(users + query, teacherToken);
        refused(users + query + "&after=" + teachers, schoolAdminToken);
    }

    @Test
    void a_class_cursor_is_refused_under_another_school_teacher_district_or_caller() {
        String classes = "/api/v1/districts/" + d.id() + "/classes";
        String query = "?schoolId=" + d.schoolId() + "&limit=1";
        String c = cursor(classes + query, districtAdminToken);
        assertThat(http.get(classes + query + "&after=" + c, districtAdminToken).status()).as("the same list").isEqualTo(200);
        refused(classes + "?schoolId=" + schoolB + "&limit=1&after=" + c, districtAdminToken);
        refused(classes + "?limit=1&after=" + c, districtAdminToken);
        refused(classes + query + "&teacherId=" + teacher + "&after=" + c, districtAdminToken);
        refused("/api/v1/districts/" + d2.id() + "/classes?schoolId=" + d2.schoolId() + "&limit=1&after=" + c, Fixtures.ADMIN);
        refused(classes + query + "&after=" + c, schoolAdminToken);
        refused(classes + query + "&after=" + c, teacherToken);
        String teachers = cursor(classes + "?limit=1", teacherToken);
        assertThat(http.get(classes + "?limit=1&after=" + teachers, teacherToken).status()).isEqualTo(200);
        refused(classes + "?limit=1&after=" + teachers, districtAdminToken);
    }

    @Test
    void a_holders_or_ledger_cursor_is_refused_on_another_pool_filter_or_caller() {
        String holders = "/api/v1/license-pools/" + pool.id() + "/assignments?limit=1";
        String c = cursor(holders, districtAdminToken);
        assertThat(http.get(holders + "&after=" + c, districtAdminToken).status()).isEqualTo(200);
        refused("/api/v1/license-pools/" + otherPool.id() + "/assignments?limit=1&after=" + c, districtAdminToken);
        refused(holders + "&after=" + c, schoolAdminToken);
        String ledger = "/api/v1/license-pools/" + pool.id() + "/ledger?action=ASSIGNED&limit=1";
        String l = cursor(ledger, districtAdminToken);
        assertThat(http.get(ledger + "&after=" + l, districtAdminToken).status()).isEqualTo(200);
        refused("/api/v1/license-pools/" + pool.id() + "/ledger?limit=1&after=" + l, districtAdminToken);
        refused("/api/v1/license-pools/" + otherPool.id() + "/ledger?action=ASSIGNED&limit=1&after=" + l, districtAdminToken);
        refused(ledger + "&after=" + l, schoolAdminToken);
    }

    private String cursor(String path, String token) {
        Http.Response r = http.get(path, token);
        assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
        return r.headers().firstValue("X-Next-Cursor").orElseThrow(() -> new AssertionError("no next page: " + path));
    }

    private void refused(String path, String token) {
        Http.Response r = http.get(path, token);
        assertThat(r.status()).as("%s: %s", path, r).isEqualTo(400);
        assertThat(r.text("code")).as(path).isEqualTo("invalid_cursor");
        assertThat(r.text("field")).as(path).isEqualTo("after");
    }

    private String person(Fixtures.District district, String school, String role, String family) {
        var r = http.post("/api/v1/districts/" + district.id() + "/users", Fixtures.ADMIN, map("givenName", "Pat", "familyName", family,
                "email", family.toLowerCase() + "-" + UUID.randomUUID() + "@example.test", "role", role, "schoolIds", List.of(school)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    private void classAt(Fixtures.District district, String school) {
        var r = http.post("/api/v1/districts/" + district.id() + "/classes", Fixtures.ADMIN, map("name", "Class at B " + UUID.randomUUID(),
                "schoolId", school, "teacherIds", List.of(), "studentIds", List.of()));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }
}
