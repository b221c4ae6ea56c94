package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every refusal of the REST contract (docs/design.md, "REST contract"): the right status and code, a problem+json
 * body, and nothing changed in the database (a refused seat change is only recorded in the
 * seat ledger as REFUSED).
 */
@ApiTest
class RefusalTest {
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

    // ------------------------------------------------------------------ who may hold a seat

    @Test
    void aStudentCannotTakeAnEducatorLicense() {
        var d = fx.aDistrict();
        var educators = fx.anEducatorPool(d, 5);
        String student = fx.aStudent(d);

        var r = changesNothing(() -> fx.assign(educators, student));

        assertRefused(r, 422, "seat_type_mismatch");
        assertThat(r.text("detail")).contains("student licenses");
        assertThat(fx.available(educators)).isEqualTo(5);
        assertThat(refusalsRecorded(educators, "seat_type_mismatch")).isEqualTo(1);
    }

    @Test
    void aTeacherCannotTakeAStudentLicense() {
        var d = fx.aDistrict();
        var students = fx.aStudentPool(d, 5);
        String teacher = fx.aTeacher(d);

        assertRefused(changesNothing(() -> fx.assign(students, teacher)), 422, "seat_type_mismatch");
    }

    @Test
    void anInactivePersonCannotTakeALicense() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String leaver = fx.aStudent(d);
        // no API deactivates people yet: set the state directly
        jdbc.sql("update users set status = 'INACTIVE' where id = ?").param(UUID.fromString(leaver)).update();

        var r = changesNothing(() -> fx.assign(pool, leaver));

        assertRefused(r, 422, "user_inactive");
        assertThat(fx.holderIds(pool)).isEmpty();
        assertThat(refusalsRecorded(pool, "user_inactive")).isEqualTo(1);
    }

    @Test
    void aPersonOfAnotherDistrictIsNotFoundForTheDistrictAdminAndOutOfScopeForTheVendorAdmin() {
        var home = fx.aDistrict();
        var elsewhere = fx.aDistrict();
        var pool = fx.aStudentPool(home, 5);
        String outsider = fx.aStudent(elsewhere);
        String homeAdmin = fx.aDistrictAdminTokenOf(home);

        var asDistrictAdmin = changesNothing(() -> http.put("/api/v1/license-pools/" + pool.id() + "/assignments/" + outsider, homeAdmin));
        assertRefused(asDistrictAdmin, 404, "not_found");

        var asVendorAdmin = changesNothing(() -> fx.assign(pool, outsider));
        assertRefused(asVendorAdmin, 422, "user_out_of_scope");

        // and a reassignment to them is refused the same ways
        String insider = fx.aStudent(home);
        assertThat(fx.assign(pool, insider).status()).isEqualTo(201);
        assertRefused(changesNothing(() -> http.post("/api/v1/license-pools/" + pool.id() + "/reassignments", homeAdmin,
                map("fromUserId", insider, "toUserId", outsider))), 404, "not_found");
        assertRefused(changesNothing(() -> fx.reassign(pool, insider, outsider)), 422, "user_out_of_scope");
        assertThat(fx.holderIds(pool)).containsExactly(insider);
    }

    // ------------------------------------------------------------------ pool terms

    @Test
    void aPoolWhoseTermEndedGivesOutNoLicenses() {
        var d = fx.aDistrict();
        var ended = fx.anEndedPool(d, "STUDENT", 5);
        String student = fx.aStudent(d);

        var r = changesNothing(() -> fx.assign(ended, student));

        assertRefused(r, 409, "pool_not_active");
        assertThat(r.text("detail")).contains("ended on");
        assertThat(fx.available(ended)).isEqualTo(5);
    }

    @Test
    void aPoolWhoseTermHasNotStartedGivesOutNoLicenses() {
        var d = fx.aDistrict();
        var future = fx.aPoolNotYetStarted(d, "STUDENT", 5);
        String student = fx.aStudent(d);

        var r = changesNothing(() -> fx.assign(future, student));

        assertRefused(r, 409, "pool_not_active");
        assertThat(r.text("detail")).contains("start on");
        assertThat(fx.available(future)).isEqualTo(5);
    }

    // ------------------------------------------------------------------ malformed requests

    @Test
    void malformedJsonIsAnInvalidRequest() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);

        var purchase = changesNothing(() -> http.send("POST", "/api/v1/license-pools/" + pool.id() + "/purchases", ADMIN, "{\"seats\": 3,"));
        assertRefused(purchase, 400, "invalid_request");
        var open = changesNothing(() -> http.send("POST", "/api/v1/districts/" + d.id() + "/license-pools", ADMIN, "not json at all"));
        assertRefused(open, 400, "invalid_request");
        assertThat(fx.pool(pool).number("seats")).isEqualTo(5);
    }

    @Test
    void anUnknownSeatTypeIsAnInvalidRequestNamingTheField() {
        var d = fx.aDistrict();
        String product = fx.aProduct();

        var r = changesNothing(() -> http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product,
                "seatType", "TEACHERS", "seats", 5, "startsOn", LocalDate.now().toString(), "endsOn", LocalDate.now().plusDays(30).toString())));

        assertInvalidField(r, "seatType");
        assertThat(r.text("detail")).contains("EDUCATOR").contains("STUDENT");
    }

    @Test
    void anUnknownBulkModeIsAnInvalidRequestNamingTheField() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String student = fx.aStudent(d);

        var r = changesNothing(() -> fx.bulkAssign(pool, "SOME", List.of(student)));

        assertInvalidField(r, "mode");
        assertThat(fx.holderIds(pool)).isEmpty();
    }

    @Test
    void anUnknownRoleIsAnInvalidRequestNamingTheField() {
        var d = fx.aDistrict();

        var r = changesNothing(() -> http.post("/api/v1/districts/" + d.id() + "/users", ADMIN,
                map("givenName", "Pat", "familyName", "Doe", "role", "PRINCIPAL", "schoolIds", List.of(d.schoolId()))));

        assertInvalidField(r, "role");
    }

    @Test
    void zeroOrNegativeSeatsCannotOpenAPool() {
        var d = fx.aDistrict();
        String product = fx.aProduct();
        for (int seats : new int[] {0, -5}) {
            var r = changesNothing(() -> http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product,
                    "seatType", "STUDENT", "seats", seats, "startsOn", LocalDate.now().toString(),
                    "endsOn", LocalDate.now().plusDays(30).toString())));
            assertInvalidField(r, "seats");
        }
        assertThat(http.get("/api/v1/districts/" + d.id() + "/license-pools", ADMIN).body().size()).isZero();
    }

    @Test
    void zeroOrNegativeSeatsCannotBePurchased() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        for (int seats : new int[] {0, -3}) {
            var r = changesNothing(() -> fx.purchase(pool, seats));
            assertInvalidField(r, "seats");
        }
        assertThat(fx.pool(pool).number("seats")).isEqualTo(5);
    }

    // ------------------------------------------------------------------ bulk assignment

    @Test
    void allOrNothingBulkAssignmentWhenShortOfSeatsAssignsNoOne() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 3);
        List<String> already = fx.students(d, 1);
        assertThat(fx.assign(pool, already.get(0)).status()).isEqualTo(201);
        List<String> newcomers = fx.students(d, 3); // 3 needed, 2 available

        var r = changesNothing(() -> fx.bulkAssign(pool, "ALL_OR_NOTHING", newcomers));

        assertRefused(r, 409, "no_licenses_available");
        assertThat(r.number("available")).isEqualTo(2);
        assertThat(r.number("needed")).isEqualTo(3);
        assertThat(r.text("detail")).contains("unassign").contains("reassign").contains("purchase");
        assertThat(fx.holderIds(pool)).containsExactlyElementsOf(already);
        assertThat(fx.available(pool)).isEqualTo(2);
    }

    @Test
    void availableSeatsBulkAssignmentFillsExactlyTheFreeSeatsAndReportsEveryone() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 4);
        String holder = fx.aStudent(d);
        assertThat(fx.assign(pool, holder).status()).isEqualTo(201);
        List<String> asked = new ArrayList<>(fx.students(d, 5));
        asked.add(holder); // already holds one

        var r = fx.bulkAssign(pool, "AVAILABLE_SEATS", asked);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.number("assigned")).isEqualTo(3);
        assertThat(r.number("alreadyAssigned")).isEqualTo(1);
        assertThat(r.number("notAssigned")).isEqualTo(2);
        assertThat(r.number("available")).isZero();
        JsonNode results = r.body().get("results");
        assertThat(results.size()).isEqualTo(asked.size());
        List<String> reported = new ArrayList<>();
        List<String> assigned = new ArrayList<>();
        results.forEach(line -> {
            reported.add(line.get("userId").asString());
            if (line.get("result").asString().equals("ASSIGNED")) {
                assigned.add(line.get("userId").asString());
            }
            if (line.get("result").asString().equals("NOT_ASSIGNED")) {
                assertThat(line.get("code").asString()).isEqualTo("no_licenses_available");
            }
        });
        assertThat(reported).containsExactlyInAnyOrderElementsOf(asked);
        // the seats went to the first people in the given order
        assertThat(assigned).containsExactlyElementsOf(asked.subList(0, 3));
        assertThat(fx.holderIds(pool)).containsExactlyInAnyOrder(holder, asked.get(0), asked.get(1), asked.get(2));
        assertThat(fx.pool(pool).number("assigned")).isEqualTo(4);
    }

    // ------------------------------------------------------------------ reassignment

    @Test
    void aSecondReassignmentFromSomeoneWhoNoLongerHoldsTheLicenseIsNotFound() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 1);
        List<String> s = fx.students(d, 3);
        assertThat(fx.assign(pool, s.get(0)).status()).isEqualTo(201);
        assertThat(fx.reassign(pool, s.get(0), s.get(1)).status()).isEqualTo(200);

        var again = changesNothing(() -> fx.reassign(pool, s.get(0), s.get(2)));

        assertRefused(again, 404, "not_found");
        assertThat(fx.holderIds(pool)).containsExactly(s.get(1));
    }

    @Test
    void unassigningSomeoneWithoutALicenseIsNotFound() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 2);
        String student = fx.aStudent(d);

        assertRefused(changesNothing(() -> fx.unassign(pool, student)), 404, "not_found");
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void aRequestWithoutATokenIsUnauthorized() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 2);
        String student = fx.aStudent(d);

        assertRefused(changesNothing(() -> http.get("/api/v1/license-pools/" + pool.id(), null)), 401, "unauthorized");
        assertRefused(changesNothing(() -> http.put("/api/v1/license-pools/" + pool.id() + "/assignments/" + student, null)),
                401, "unauthorized");
    }

    @Test
    void aRequestWithAnUnknownTokenIsUnauthorized() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 2);
        String student = fx.aStudent(d);
        String forged = "sk_" + UUID.randomUUID();

        assertRefused(changesNothing(() -> http.get("/api/v1/license-pools/" + pool.id(), forged)), 401, "unauthorized");
        var r = changesNothing(() -> http.put("/api/v1/license-pools/" + pool.id() + "/assignments/" + student, forged));
        assertRefused(r, 401, "unauthorized");
        assertThat(r.text("detail")).contains("Bearer");
        assertThat(fx.holderIds(pool)).isEmpty();
    }

    // ------------------------------------------------------------------ catalog and roster

    @Test
    void aProductCodeCanBeUsedOnlyOnce() {
        String code = fx.aProduct();

        var r = changesNothing(() -> http.post("/api/v1/products", ADMIN, map("code", code, "name", "Another name",
                "seatTypes", List.of("STUDENT"))));

        assertRefused(r, 409, "duplicate_product");
        assertThat(r.text("productCode")).isEqualTo(code);
    }

    @Test
    void anEmailBelongsToOnePersonPerDistrict() {
        var d = fx.aDistrict();
        var first = http.post("/api/v1/districts/" + d.id() + "/users", ADMIN, map("givenName", "Robin", "familyName", "Hale",
                "email", "robin.hale@example.test", "role", "TEACHER", "schoolIds", List.of(d.schoolId())));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        var second = changesNothing(() -> http.post("/api/v1/districts/" + d.id() + "/users", ADMIN, map("givenName", "Robin",
                "familyName", "Hale-Twin", "email", "Robin.Hale@example.test", "role", "TEACHER", "schoolIds", List.of(d.schoolId()))));

        assertRefused(second, 409, "duplicate_email");
        // the same email in another district is another person
        var elsewhere = fx.aDistrict();
        assertThat(http.post("/api/v1/districts/" + elsewhere.id() + "/users", ADMIN, map("givenName", "Robin", "familyName", "Hale",
                "email", "robin.hale@example.test", "role", "TEACHER", "schoolIds", List.of(elsewhere.schoolId()))).status()).isEqualTo(201);
    }

    @Test
    void twoClientsAddingTheSameProductCodeAtOnceGetOneProductAndOneRefusal() throws Exception {
        String code = "RACE" + UUID.randomUUID().toString().substring(0, 8);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return http.post("/api/v1/products", ADMIN, map("code", code, "name", "Raced", "seatTypes", List.of("STUDENT")));
                }));
            }
            go.countDown();
            List<Http.Response> done = new ArrayList<>();
            for (var f : answers) {
                done.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(done).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(done).filteredOn(r -> r.status() != 201).hasSize(7)
                    .allSatisfy(r -> assertRefused(r, 409, "duplicate_product"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from products where code = ?").param(code).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theRosterOfACleverDistrictIsReadOnlyHere() {
        var clever = fx.aDistrict("CLEVER");

        var person = changesNothing(() -> http.post("/api/v1/districts/" + clever.id() + "/users", ADMIN, map("givenName", "Kim",
                "familyName", "Lee", "email", "kim.lee@example.test", "role", "STUDENT", "schoolIds", List.of(clever.schoolId()))));
        assertRefused(person, 409, "roster_read_only");
        assertThat(person.text("detail")).contains("sync");

        var section = changesNothing(() -> http.post("/api/v1/districts/" + clever.id() + "/classes", ADMIN, map("name", "Math 1",
                "schoolId", clever.schoolId(), "teacherIds", List.of(), "studentIds", List.of())));
        assertRefused(section, 409, "roster_read_only");

        assertThat(http.get("/api/v1/districts/" + clever.id() + "/users", ADMIN).body().size()).isZero();
        assertThat(http.get("/api/v1/districts/" + clever.id() + "/classes", ADMIN).body().size()).isZero();
    }

    @Test
    void theRosterOfAClassLinkDistrictIsReadOnlyHere() {
        var classLink = fx.aDistrict("CLASSLINK");

        assertRefused(changesNothing(() -> http.post("/api/v1/districts/" + classLink.id() + "/users", ADMIN, map("givenName", "Ana",
                "familyName", "Ruiz", "role", "TEACHER", "schoolIds", List.of(classLink.schoolId())))), 409, "roster_read_only");
    }

    // ------------------------------------------------------------------ helpers

    /** Sends the request and asserts that nothing in the database changed (but refusal rows of the seat ledger). */
    private Http.Response changesNothing(Supplier<Http.Response> request) {
        DbState before = DbState.of(jdbc);
        Http.Response r = request.get();
        assertThat(DbState.of(jdbc)).as("database after %s", r).isEqualTo(before);
        return r;
    }

    private static void assertRefused(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        assertThat(r.text("code")).as(r.toString()).isEqualTo(code);
        assertThat(r.text("detail")).as("a detail saying what to do").isNotBlank();
    }

    private static void assertInvalidField(Http.Response r, String field) {
        assertRefused(r, 400, "invalid_request");
        assertThat(r.text("field")).as(r.toString()).isEqualTo(field);
        List<String> fields = new ArrayList<>();
        r.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).as(r.toString()).containsExactly(field);
        assertThat(r.text("detail")).contains(field);
    }

    private long refusalsRecorded(Fixtures.Pool pool, String code) {
        return jdbc.sql("select count(*) from seat_ledger where pool_id = ? and action = 'REFUSED' and reason = ?")
                .params(UUID.fromString(pool.id()), code).query(Long.class).single();
    }
}
