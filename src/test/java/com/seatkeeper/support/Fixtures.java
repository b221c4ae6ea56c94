package com.seatkeeper.support;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds districts, people, products and pools through the public API, each test its own
 * district so tests never see each other's data.
 */
public final class Fixtures {
    public static final String ADMIN = "test-bootstrap-admin-token-0123456789";
    private static final AtomicInteger SEQ = new AtomicInteger();

    public final Http http;

    public Fixtures(Http http) {
        this.http = http;
    }

    public record District(String id, String schoolId) {}

    /** The email of a person, as the API shows it (also their sign-in email once they have an account). */
    public String emailOf(String userId) {
        return http.get("/api/v1/users/" + userId, ADMIN).text("email");
    }

    public record Pool(String id, String districtId) {}

    public District aDistrict() {
        return aDistrict("MANUAL");
    }

    public District aDistrict(String rosteringSource) {
        var d = created(http.post("/api/v1/districts", ADMIN,
                map("name", "District " + SEQ.incrementAndGet(), "rosteringSource", rosteringSource, "timezone", "America/New_York")));
        var s = created(http.post("/api/v1/districts/" + d.text("id") + "/schools", ADMIN, map("name", "School " + SEQ.get())));
        return new District(d.text("id"), s.text("id"));
    }

    public String aSchool(District d) {
        return created(http.post("/api/v1/districts/" + d.id() + "/schools", ADMIN, map("name", "School " + SEQ.incrementAndGet()))).text("id");
    }

    public String aPerson(District d, String role) {
        int n = SEQ.incrementAndGet();
        return created(http.post("/api/v1/districts/" + d.id() + "/users", ADMIN, map("givenName", "Given" + n, "familyName",
                role.toLowerCase() + n, "email", role.toLowerCase() + n + "@example.test", "role", role, "schoolIds", List.of(d.schoolId()))))
                .text("id");
    }

    public String aTeacher(District d) {
        return aPerson(d, "TEACHER");
    }

    public String aStudent(District d) {
        return aPerson(d, "STUDENT");
    }

    public String aDistrictAdmin(District d) {
        return aPerson(d, "DISTRICT_ADMIN");
    }

    /** A product offering both kinds of license. */
    public String aProduct() {
        String code = "P" + UUID.randomUUID().toString().substring(0, 8);
        created(http.post("/api/v1/products", ADMIN, map("code", code, "name", "Product " + code, "seatTypes", List.of("EDUCATOR", "STUDENT"))));
        return code;
    }

    public Pool aPool(District d, String seatType, int seats) {
        return aPool(d, aProduct(), seatType, seats, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
    }

    public Pool aPool(District d, String product, String seatType, int seats, LocalDate startsOn, LocalDate endsOn) {
        var p = created(http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType", seatType,
                "seats", seats, "startsOn", startsOn.toString(), "endsOn", endsOn.toString())));
        return new Pool(p.text("id"), d.id());
    }

    public Pool anEducatorPool(District d, int seats) {
        return aPool(d, "EDUCATOR", seats);
    }

    public Pool aStudentPool(District d, int seats) {
        return aPool(d, "STUDENT", seats);
    }

    /** An API token acting as the given person. */
    public String tokenFor(String userId) {
        return created(http.post("/api/v1/api-tokens", ADMIN, map("userId", userId, "name", "test"))).text("token");
    }

    public Http.Response pool(Pool p) {
        return http.get("/api/v1/license-pools/" + p.id(), ADMIN);
    }

    public int available(Pool p) {
        return pool(p).number("available");
    }

    public Http.Response assign(Pool p, String userId) {
        return http.put("/api/v1/license-pools/" + p.id() + "/assignments/" + userId, ADMIN);
    }

    public Http.Response unassign(Pool p, String userId) {
        return http.delete("/api/v1/license-pools/" + p.id() + "/assignments/" + userId, ADMIN);
    }

    // ------------------------------------------------------------------ added for the seat-core acceptance tests

    /** {@code n} new students of the district's first school. */
    public List<String> students(District d, int n) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(aStudent(d));
        }
        return ids;
    }

    /** A pool whose term ended before today, whatever the district's time zone. */
    public Pool anEndedPool(District d, String seatType, int seats) {
        return aPool(d, aProduct(), seatType, seats, LocalDate.now().minusDays(60), LocalDate.now().minusDays(2));
    }

    /** A pool whose term starts after today, whatever the district's time zone. */
    public Pool aPoolNotYetStarted(District d, String seatType, int seats) {
        return aPool(d, aProduct(), seatType, seats, LocalDate.now().plusDays(2), LocalDate.now().plusDays(300));
    }

    /** A class at the district's first school. */
    public String aClass(District d, List<String> teacherIds, List<String> studentIds) {
        return created(http.post("/api/v1/districts/" + d.id() + "/classes", ADMIN, map("name", "Class " + SEQ.incrementAndGet(),
                "schoolId", d.schoolId(), "teacherIds", teacherIds, "studentIds", studentIds))).text("id");
    }

    /** An API token of a new district administrator of the district. */
    public String aDistrictAdminTokenOf(District d) {
        return tokenFor(aDistrictAdmin(d));
    }

    public Http.Response reassign(Pool p, String fromUserId, String toUserId) {
        return http.post("/api/v1/license-pools/" + p.id() + "/reassignments", ADMIN, map("fromUserId", fromUserId, "toUserId", toUserId));
    }

    public Http.Response bulkAssign(Pool p, String mode, List<String> userIds) {
        return http.post("/api/v1/license-pools/" + p.id() + "/assignments:bulk", ADMIN, map("userIds", userIds, "mode", mode));
    }

    public Http.Response purchase(Pool p, int seats) {
        return http.post("/api/v1/license-pools/" + p.id() + "/purchases", ADMIN, map("seats", seats, "reference", "PO-" + SEQ.incrementAndGet()));
    }

    /** The ids of the people holding a license of the pool, as the holders list shows them. */
    public List<String> holderIds(Pool p) {
        var r = http.get("/api/v1/license-pools/" + p.id() + "/assignments?limit=1000", ADMIN);
        assertThat(r.status()).as("holders: %s", r).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        r.body().forEach(n -> ids.add(n.get("userId").asString()));
        return ids;
    }

    private static Http.Response created(Http.Response r) {
        assertThat(r.status()).as("creating fixture: %s", r).isEqualTo(201);
        return r;
    }
}
