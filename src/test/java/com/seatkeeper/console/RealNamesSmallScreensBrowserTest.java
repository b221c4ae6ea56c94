package com.seatkeeper.console;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every main console page of every role, loaded in headless Chromium at 1,280 × 800 and 390 × 844 with
 * real-world data: names of 100 characters (some without a space), emails of 254, school names of 100,
 * a product name of 80, 500 students holding licenses and enrolled in one class, several pools of one
 * product (district-wide, one school's, ended, not yet started). No page may scroll sideways: the document and the body
 * are at most as wide as the window's visible width ({@code innerWidth} less a vertical scroll bar); a
 * screenshot of each lands in target/screenshots/wide-*.png.
 */
@ApiTest
@Tag("browser")
class RealNamesSmallScreensBrowserTest {
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** 100 characters, the longest name the roster takes, with spaces. */
    static final String LONG_FAMILY = pad("Fernández-Villaverde de los Ángeles de la Concepción y Bustamante Echeverría", ' ', 100);
    /** 100 characters without a space, the hardest case for wrapping. */
    static final String LONG_GIVEN = pad("María-Guadalupe-Esperanza-", 'x', 100);
    /** 80 characters, with a long unbroken word. */
    static final String PRODUCT = pad("Reading Quest Comprehension&FluencySuiteForElementaryClassrooms K–5", '!', 80);

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void noMainPageOfAnyRoleScrollsSidewaysAt1280Or390WithRealWorldNamesAnd500Rows() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        World w = seed(http, fx);

        String c = "/classes/" + w.classId;
        List<String> admin = List.of("/licenses", "/licenses/" + w.studentPool + "/holders", "/licenses/" + w.schoolPool + "/holders",
                "/licenses/" + w.studentPool + "/ledger", "/licenses/" + w.educatorPool + "/purchase", "/educators", "/classes", c,
                c + "/edit", "/classes/new", "/people", "/people/new?role=TEACHER", "/people/" + w.teacher + "/edit",
                "/people/" + w.student + "/deactivate", "/schools", "/tokens", "/console/imports", "/console/rostering");
        List<String> schoolAdmin = List.of("/licenses", "/licenses/" + w.schoolPool + "/holders", "/licenses/" + w.schoolPool + "/ledger",
                "/educators", "/classes", c, c + "/edit", "/classes/new", "/people", "/people/new?role=STUDENT",
                "/people/" + w.student + "/edit", "/schools");
        List<String> teacher = List.of("/classes", c, c + "/edit", "/classes/new");
        List<String> vendor = List.of("/vendor", "/vendor/districts/" + w.district.id(), "/vendor/purchase-requests",
                "/console/rostering?district=" + w.district.id(),
                "/vendor/pools/" + w.studentPool + "/renewal", "/licenses/" + w.studentPool + "/holders",
                "/licenses/" + w.studentPool + "/ledger");

        List<String> wide = new ArrayList<>();
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            wide.addAll(visit(w.adminEmail, "district-admin", admin, size));
            wide.addAll(visit(w.schoolAdminEmail, "school-admin", schoolAdmin, size));
            wide.addAll(visit(w.teacherEmail, "teacher", teacher, size));
            wide.addAll(visit(w.vendorEmail, "vendor", vendor, size));
        }
        assertThat(wide).as("pages wider than the window").isEmpty();
    }

    /** Signs in and loads each page; answers "path at width: scrollWidth > innerWidth" for each page that is too wide. */
    private List<String> visit(String email, String who, List<String> paths, int[] size) {
        List<String> wide = new ArrayList<>();
        try (Browser b = new Browser(port, size[0], size[1])) {
            b.signIn(email, PASSWORD);
            for (String path : paths) {
                b.open(path);
                b.find(By.id("main"));
                assertThat(b.driver.getTitle()).as("%s may open %s", who, path)
                        .doesNotStartWith("Not found").doesNotStartWith("Not allowed").doesNotStartWith("Something went wrong");
                String shot = "wide-" + who + path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "id").replaceAll("[^a-z]+", "-").replaceAll("-$", "");
                b.screenshot(shot + "-" + size[0]);
                Object rows = ((JavascriptExecutor) b.driver).executeScript("""
                        const row = document.querySelector('main table tbody tr');
                        if (row) { row.scrollIntoView(); }
                        return row != null;""");
                if (Boolean.TRUE.equals(rows)) {
                    b.screenshot(shot + "-rows-" + size[0]); // the first table's rows, for review
                }
                Map<?, ?> m = (Map<?, ?>) ((JavascriptExecutor) b.driver).executeScript("""
                        const inner = window.innerWidth, limit = document.documentElement.clientWidth;
                        const culprits = Array.from(document.querySelectorAll('body *'))
                          .filter(e => e.getBoundingClientRect().right > limit + 0.5 && !Array.from(e.children).some(c => c.getBoundingClientRect().right > limit + 0.5))
                          .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                            + ' ' + Math.round(e.getBoundingClientRect().right));
                        return {doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: inner, visible: limit, culprits: culprits};""");
                // the visible width: innerWidth less the vertical scroll bar, which Chromium draws at 390 px too
                long inner = Math.min(((Number) m.get("inner")).longValue(), ((Number) m.get("visible")).longValue());
                long doc = ((Number) m.get("doc")).longValue();
                long body = ((Number) m.get("body")).longValue();
                if (doc > inner || body > inner) {
                    wide.add(who + " " + path + " at " + size[0] + ": document " + doc + ", body " + body + " > " + inner + " " + m.get("culprits"));
                }
            }
        }
        return wide;
    }

    record World(Fixtures.District district, String adminEmail, String schoolAdminEmail, String teacherEmail, String vendorEmail,
            String teacher, String student, String classId, String educatorPool, String schoolPool, String studentPool) {}

    private World seed(Http http, Fixtures fx) {
        String districtName = pad("Distrito Escolar Unificado de San Bernardino de las Montañas ", 'y', 100);
        var d = created(http.post("/api/v1/districts", Fixtures.ADMIN,
                map("name", districtName, "rosteringSource", "MANUAL", "timezone", "America/New_York")));
        String school1 = created(http.post("/api/v1/districts/" + d.text("id") + "/schools", Fixtures.ADMIN,
                map("name", pad("Escuela Primaria Bilingüe Sor Juana Inés de la Cruz y Nuestra Señora de Guadalupe ", 'z', 100)))).text("id");
        String school2 = created(http.post("/api/v1/districts/" + d.text("id") + "/schools", Fixtures.ADMIN,
                map("name", pad("Lincoln-Roosevelt-Washington-Jefferson-Memorial-Elementary-", 'w', 100)))).text("id");
        var district = new Fixtures.District(d.text("id"), school1);

        String admin = person(http, district, "DISTRICT_ADMIN", List.of(school1), 1);
        String schoolAdmin = person(http, district, "SCHOOL_ADMIN", List.of(school1), 2);
        String teacher = person(http, district, "TEACHER", List.of(school1, school2), 3);
        for (String id : List.of(admin, schoolAdmin, teacher)) {
            accounts.ensurePersonAccount(UserId.of(id), PASSWORD);
        }
        List<String> teachers = new ArrayList<>();
        for (int i = 4; i < 12; i++) {
            teachers.add(person(http, district, "TEACHER", List.of(school1, school2), i));
        }
        String vendorEmail = email(0).replace("@", "-vendor@").substring(7);
        accounts.ensureVendorAccount(vendorEmail, PASSWORD);

        String code = "RQ" + UUID.randomUUID().toString().substring(0, 6);
        created(http.post("/api/v1/products", Fixtures.ADMIN, map("code", code, "name", PRODUCT, "seatTypes", List.of("EDUCATOR", "STUDENT"))));
        LocalDate today = LocalDate.now();
        var educatorPool = fx.aPool(district, code, "EDUCATOR", 5, today.minusDays(90), today.plusDays(270));
        var schoolPool = created(http.post("/api/v1/districts/" + district.id() + "/license-pools", Fixtures.ADMIN, map("productCode", code,
                "seatType", "EDUCATOR", "seats", 3, "startsOn", today.minusDays(90).toString(), "endsOn", today.plusDays(270).toString(),
                "schoolId", school1))).text("id");
        fx.aPool(district, code, "EDUCATOR", 4, today.minusDays(500), today.minusDays(91));
        fx.aPool(district, code, "EDUCATOR", 4, today.plusDays(271), today.plusDays(600));
        var studentPool = fx.aPool(district, code, "STUDENT", 450, today.minusDays(90), today.plusDays(270));
        assertThat(fx.assign(educatorPool, teacher).status()).isEqualTo(201);
        assertThat(http.put("/api/v1/license-pools/" + schoolPool + "/assignments/" + teachers.get(0), Fixtures.ADMIN).status()).isEqualTo(201);

        String classId = created(http.post("/api/v1/districts/" + district.id() + "/classes", Fixtures.ADMIN,
                map("name", pad("Grade 4 Mathematics and Science Enrichment (Bilingual Spanish–English) ", 'q', 100), "schoolId", school1,
                        "teacherIds", List.of(teacher), "studentIds", List.of()))).text("id");
        List<String> students = students(district, school1, classId, 500);
        assertThat(fx.bulkAssign(studentPool, "AVAILABLE_SEATS", students.subList(0, 300)).status()).isLessThan(300);
        assertThat(fx.purchase(studentPool, 200).status()).isEqualTo(201);
        assertThat(fx.bulkAssign(studentPool, "AVAILABLE_SEATS", students.subList(300, 500)).status()).isLessThan(300);
        requests(district, educatorPool.id(), email(1));
        return new World(district, email(1), email(2), email(3), vendorEmail, teacher, students.get(0), classId, educatorPool.id(),
                schoolPool, studentPool.id());
    }

    /** 500 students with names of 100 characters and emails of 254, enrolled in the class: rows written as SQL, in bulk. */
    private List<String> students(Fixtures.District d, String school, String classId, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            jdbc.sql("""
                    insert into users (id, district_id, given_name, family_name, email, role, status, source, created_at, updated_at)
                    values (?, ?, ?, ?, ?, 'STUDENT', 'ACTIVE', 'MANUAL', now(), now())""")
                    .params(id, UUID.fromString(d.id()), LONG_GIVEN, LONG_FAMILY.substring(0, 96) + String.format("%04d", i),
                            email(1000 + i)).update();
        }
        jdbc.sql("""
                insert into user_schools (district_id, user_id, school_id)
                select district_id, id, ? from users where district_id = ? and role = 'STUDENT'""")
                .params(UUID.fromString(school), UUID.fromString(d.id())).update();
        jdbc.sql("""
                insert into enrollments (district_id, class_id, user_id, role)
                select district_id, ?, id, 'STUDENT' from users where district_id = ? and role = 'STUDENT'""")
                .params(UUID.fromString(classId), UUID.fromString(d.id())).update();
        return ids;
    }

    /** An open, a fulfilled and a declined purchase request, each with a long note without spaces. */
    private void requests(Fixtures.District d, String pool, String by) {
        String note = pad("PO-2026-", '7', 300);
        Timestamp now = Timestamp.from(Instant.now());
        for (String status : List.of("OPEN", "FULFILLED", "DECLINED")) {
            boolean fulfilled = status.equals("FULFILLED");
            boolean declined = status.equals("DECLINED");
            jdbc.sql("""
                    insert into purchase_requests (id, district_id, pool_id, seats, note, status, requested_by, requested_at,
                      fulfilled_by, fulfilled_at, purchase_reference, declined_by, declined_at, decline_reason)
                    values (?, ?, ?, 5, ?, ?, ?, now() - interval '2 days', ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), UUID.fromString(d.id()), UUID.fromString(pool), note, status, by,
                            fulfilled ? by : null, fulfilled ? now : null,
                            fulfilled ? note.substring(0, 200) : null, declined ? by : null,
                            declined ? now : null, declined ? note : null)
                    .update();
        }
    }

    private static String person(Http http, Fixtures.District d, String role, List<String> schools, int n) {
        return created(http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", n % 2 == 0 ? LONG_GIVEN : "Ana",
                "familyName", LONG_FAMILY.substring(0, 97) + String.format("%03d", n), "email", email(n), "role", role, "schoolIds", schools)))
                .text("id");
    }

    /** A valid address of exactly 254 characters, unique per n and test run. */
    static String email(int n) {
        String local = pad(String.format("%05d.", n) + RUN, 'a', 64);
        return local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(56) + ".test";
    }

    static String pad(String s, char c, int length) {
        return (s + String.valueOf(c).repeat(length)).substring(0, length);
    }

    private static Http.Response created(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r;
    }
}
