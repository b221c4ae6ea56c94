package com.seatkeeper.licensing;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Seats follow changes of role and school (invariant 3, issue 7 §2): a PATCH of a person releases in
 * the same transaction every seat they no longer qualify for, with a ledger row and a reason, says
 * which, and a dry run says the same without changing anything.
 */
@ApiTest
class RosterChangeReleasesTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTeacherMadeStudentLosesTheEducatorSeatInTheSameTransactionWithALedgerRowAndTheDryRunSaidSoChangingNothing() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var educators = fx.anEducatorPool(d, 3);
        String teacher = fx.aTeacher(d);
        assertThat(fx.assign(educators, teacher).status()).isEqualTo(201);
        String admin = fx.aDistrictAdminTokenOf(d);
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var preview = http.send("PATCH", "/api/v1/users/" + teacher + "?dryRun=true", admin, map("role", "STUDENT"));

        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.text("role")).isEqualTo("STUDENT");
        assertThat(preview.body().get("dryRun").asBoolean()).isTrue();
        assertThat(released(preview)).containsExactly(educators.id() + "|EDUCATOR|role changed from TEACHER to STUDENT");
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("a dry run changes nothing").isEqualTo(before);
        assertThat(http.get("/api/v1/users/" + teacher, admin).text("role")).isEqualTo("TEACHER");

        var saved = http.send("PATCH", "/api/v1/users/" + teacher, admin, map("role", "STUDENT"));

        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.text("role")).isEqualTo("STUDENT");
        assertThat(saved.body().get("dryRun").asBoolean()).isFalse();
        assertThat(released(saved)).as("the save releases what the preview said").isEqualTo(released(preview));
        assertThat(saved.body().get("releasedLicenses").get(0).get("productName").asString()).startsWith("Product ");
        assertThat(http.get("/api/v1/users/" + teacher + "/licenses", admin).body().size()).isZero();
        assertThat(fx.available(educators)).isEqualTo(3);
        List<JsonNode> rows = ledger(http, educators, "RELEASED_BY_ROSTER_CHANGE");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("userId").asString()).isEqualTo(teacher);
        assertThat(rows.get(0).get("assignedDelta").asInt()).isEqualTo(-1);
        assertThat(rows.get(0).get("reason").asString()).isEqualTo("role changed from TEACHER to STUDENT");
        assertThat(rows.get(0).get("source").asString()).isEqualTo("MANUAL");
        Map<String, Object> row = jdbc.sql("""
                select (select sum(assigned_delta) from seat_ledger where pool_id = :pool) as ledger_assigned,
                       (select assigned from license_pools where id = :pool) as assigned,
                       (select count(distinct xmin::text) from (select xmin from users where id = :user
                            union all select xmin from assignments where user_id = :user and release_reason = 'RELEASED_BY_ROSTER_CHANGE') x)
                            as transactions""")
                .param("pool", UUID.fromString(educators.id())).param("user", UUID.fromString(teacher)).query().singleRow();
        assertThat(((Number) row.get("ledger_assigned")).intValue()).isEqualTo(((Number) row.get("assigned")).intValue()).isZero();
        assertThat(((Number) row.get("transactions")).intValue()).as("role change and release in one transaction").isEqualTo(1);
        assertThat(unqualifiedSeats(d.id())).isZero();
    }

    @Test
    void movingAStudentToAnotherSchoolReleasesTheOldSchoolsSeatAndKeepsTheDistrictWideOne() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String schoolB = fx.aSchool(d);
        var schoolA = schoolPool(http, fx, d, d.schoolId(), "STUDENT");
        var districtWide = fx.aStudentPool(d, 2);
        String student = fx.aStudent(d);
        assertThat(fx.assign(schoolA, student).status()).isEqualTo(201);
        assertThat(fx.assign(districtWide, student).status()).isEqualTo(201);
        String schoolAName = http.get("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN).body().valueStream()
                .filter(s -> s.get("id").asString().equals(d.schoolId())).findFirst().orElseThrow().get("name").asString();
        String admin = fx.aDistrictAdminTokenOf(d);

        var preview = http.send("PATCH", "/api/v1/users/" + student + "?dryRun=true", admin, map("schoolIds", List.of(schoolB)));
        var saved = http.send("PATCH", "/api/v1/users/" + student, admin, map("schoolIds", List.of(schoolB)));

        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.body().get("schoolIds").get(0).asString()).isEqualTo(schoolB);
        assertThat(released(saved)).containsExactly(schoolA.id() + "|STUDENT|no longer at " + schoolAName).isEqualTo(released(preview));
        assertThat(fx.holderIds(schoolA)).isEmpty();
        assertThat(fx.holderIds(districtWide)).containsExactly(student);
        var licenses = http.get("/api/v1/users/" + student + "/licenses", admin).body();
        assertThat(licenses.size()).isEqualTo(1);
        assertThat(licenses.get(0).get("poolId").asString()).isEqualTo(districtWide.id());
        assertThat(ledger(http, districtWide, "RELEASED_BY_ROSTER_CHANGE")).isEmpty();
        assertThat(ledger(http, schoolA, "RELEASED_BY_ROSTER_CHANGE")).hasSize(1);
        assertThat(unqualifiedSeats(d.id())).isZero();
    }

    @Test
    void aSchoolAdminTakingAStudentOutOfTheirSchoolReleasesThatSchoolsSeatAndTheStudentKeepsTheirOtherSchool() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String schoolC = fx.aSchool(d);
        var schoolA = schoolPool(http, fx, d, d.schoolId(), "STUDENT");
        var schoolCPool = schoolPool(http, fx, d, schoolC, "STUDENT");
        String student = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "Two", "familyName", "Schools",
                "role", "STUDENT", "schoolIds", List.of(d.schoolId(), schoolC))).text("id");
        String schoolAdmin = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "School", "familyName",
                "Admin", "role", "SCHOOL_ADMIN", "schoolIds", List.of(d.schoolId()))).text("id");
        assertThat(fx.assign(schoolA, student).status()).isEqualTo(201);
        assertThat(fx.assign(schoolCPool, student).status()).isEqualTo(201);
        String asSchoolAdmin = fx.tokenFor(schoolAdmin);

        var r = http.send("PATCH", "/api/v1/users/" + student, asSchoolAdmin, map("schoolIds", List.of()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body().get("schoolIds").get(0).asString()).as("the school outside their scope stays").isEqualTo(schoolC);
        assertThat(r.body().get("releasedLicenses").size()).isEqualTo(1);
        assertThat(r.body().get("releasedLicenses").get(0).get("poolId").asString()).isEqualTo(schoolA.id());
        assertThat(fx.holderIds(schoolA)).isEmpty();
        assertThat(fx.holderIds(schoolCPool)).containsExactly(student);
        assertThat(ledger(http, schoolA, "RELEASED_BY_ROSTER_CHANGE").get(0).get("actor").asString()).isNotBlank();
        assertThat(unqualifiedSeats(d.id())).isZero();
    }

    @Test
    void aChangeThatKeepsQualificationReleasesNothing() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String schoolB = fx.aSchool(d);
        var educators = fx.anEducatorPool(d, 2);
        var schoolA = schoolPool(http, fx, d, d.schoolId(), "EDUCATOR");
        String teacher = fx.aTeacher(d);
        assertThat(fx.assign(educators, teacher).status()).isEqualTo(201);
        assertThat(fx.assign(schoolA, teacher).status()).isEqualTo(201);
        String admin = fx.aDistrictAdminTokenOf(d);

        var saved = http.send("PATCH", "/api/v1/users/" + teacher, admin, map("role", "SCHOOL_ADMIN", "givenName", "Renamed",
                "schoolIds", List.of(d.schoolId(), schoolB)));

        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.text("role")).isEqualTo("SCHOOL_ADMIN");
        assertThat(saved.text("givenName")).isEqualTo("Renamed");
        assertThat(saved.text("familyName")).as("left out: kept").startsWith("teacher");
        assertThat(saved.body().get("releasedLicenses").size()).isZero();
        assertThat(fx.holderIds(educators)).containsExactly(teacher);
        assertThat(fx.holderIds(schoolA)).containsExactly(teacher);
        assertThat(ledger(http, educators, "RELEASED_BY_ROSTER_CHANGE")).isEmpty();
    }

    @Test
    void emailIsKeptWhenLeftOutAndClearedByAnExplicitNull() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String student = fx.aStudent(d);
        String admin = fx.aDistrictAdminTokenOf(d);
        String email = http.get("/api/v1/users/" + student, admin).text("email");

        assertThat(http.send("PATCH", "/api/v1/users/" + student, admin, map("familyName", "Other")).text("email")).isEqualTo(email);
        var cleared = http.send("PATCH", "/api/v1/users/" + student, admin, map("email", null));

        assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
        assertThat(cleared.body().get("email").isNull()).isTrue();
        assertThat(http.get("/api/v1/users/" + student, admin).body().get("email").isNull()).isTrue();
    }

    @Test
    void anotherDistrictsPersonIsNotFoundAndNothingChanges() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var other = fx.aDistrict();
        var educators = fx.anEducatorPool(d, 1);
        String teacher = fx.aTeacher(d);
        assertThat(fx.assign(educators, teacher).status()).isEqualTo(201);
        String otherAdmin = fx.aDistrictAdminTokenOf(other);
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var r = http.send("PATCH", "/api/v1/users/" + teacher, otherAdmin, map("role", "STUDENT"));
        var dry = http.send("PATCH", "/api/v1/users/" + teacher + "?dryRun=true", otherAdmin, map("role", "STUDENT"));
        var missing = http.send("PATCH", "/api/v1/users/" + UUID.randomUUID(), otherAdmin, map("role", "STUDENT"));

        assertThat(r.status()).as("%s", r).isEqualTo(404);
        assertThat(dry.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(r.text("code")).isEqualTo(missing.text("code"));
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aRefusedChangeReleasesNothing() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var educators = fx.anEducatorPool(d, 1);
        String teacher = fx.aTeacher(d);
        String colleague = fx.aTeacher(d);
        assertThat(fx.assign(educators, teacher).status()).isEqualTo(201);
        String admin = fx.aDistrictAdminTokenOf(d);
        String taken = http.get("/api/v1/users/" + colleague, admin).text("email");
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var dup = http.send("PATCH", "/api/v1/users/" + teacher, admin, map("role", "STUDENT", "email", taken.toUpperCase()));
        var badSchool = http.send("PATCH", "/api/v1/users/" + teacher, admin, map("role", "STUDENT", "schoolIds", List.of(UUID.randomUUID())));
        var blank = http.send("PATCH", "/api/v1/users/" + teacher, admin, map("role", "STUDENT", "givenName", " "));

        assertThat(dup.status()).as("%s", dup).isEqualTo(409);
        assertThat(dup.text("code")).isEqualTo("duplicate_email");
        assertThat(badSchool.status()).as("%s", badSchool).isEqualTo(422);
        assertThat(blank.status()).as("%s", blank).isEqualTo(400);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(fx.holderIds(educators)).containsExactly(teacher);
    }

    /**
     * An assignment racing a role change: whichever takes the person's row lock first, no seat the
     * person does not qualify for survives (the assignment either comes first and is released by the
     * change, or comes second and is refused with seat_type_mismatch).
     */
    @Test
    void anAssignmentRacingARoleChangeNeverLeavesAnUnqualifiedSeat() throws Exception {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var educators = fx.anEducatorPool(d, 50);
        String admin = fx.aDistrictAdminTokenOf(d);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> outcomes = new ArrayList<>();
        try {
            for (int round = 0; round < 20; round++) {
                String teacher = fx.aTeacher(d);
                CyclicBarrier start = new CyclicBarrier(2);
                var assign = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return fx.assign(educators, teacher);
                }, pool);
                var change = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return http.send("PATCH", "/api/v1/users/" + teacher, admin, map("role", "STUDENT"));
                }, pool);
                var a = assign.get();
                var c = change.get();
                assertThat(c.status()).as("%s", c).isEqualTo(200);
                assertThat(a.status()).as("%s", a).isIn(201, 422);
                outcomes.add(a.status() + "/" + c.body().get("releasedLicenses").size());
                assertThat(unqualifiedSeats(d.id())).as("round %d: %s / %s", round, a, c).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).allMatch(o -> o.equals("201/1") || o.equals("422/0"));
        assertThat(fx.available(educators)).isEqualTo(50);
        assertThat(jdbc.sql("select sum(assigned_delta) from seat_ledger where pool_id = ?").param(UUID.fromString(educators.id()))
                .query(Integer.class).single()).isZero();
    }

    /** As above for a school move racing an assignment into a pool of the school left. */
    @Test
    void anAssignmentRacingASchoolMoveNeverLeavesASeatOfTheSchoolLeft() throws Exception {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String schoolB = fx.aSchool(d);
        var schoolA = schoolPool(http, fx, d, d.schoolId(), "STUDENT");
        fx.purchase(schoolA, 48);
        String admin = fx.aDistrictAdminTokenOf(d);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String student = fx.aStudent(d);
                CyclicBarrier start = new CyclicBarrier(2);
                var assign = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return fx.assign(schoolA, student);
                }, pool);
                var change = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return http.send("PATCH", "/api/v1/users/" + student, admin, map("schoolIds", List.of(schoolB)));
                }, pool);
                var a = assign.get();
                var c = change.get();
                assertThat(c.status()).as("%s", c).isEqualTo(200);
                assertThat(a.status()).as("%s", a).isIn(201, 422);
                assertThat(unqualifiedSeats(d.id())).as("round %d: %s / %s", round, a, c).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fx.available(schoolA)).isEqualTo(50);
    }

    private static List<String> released(Http.Response r) {
        List<String> out = new ArrayList<>();
        r.body().get("releasedLicenses").forEach(l -> out.add(l.get("poolId").asString() + "|" + l.get("seatType").asString() + "|"
                + l.get("reason").asString()));
        return out;
    }

    private static List<JsonNode> ledger(Http http, Fixtures.Pool pool, String action) {
        var r = http.get("/api/v1/license-pools/" + pool.id() + "/ledger?limit=200", Fixtures.ADMIN);
        assertThat(r.status()).isEqualTo(200);
        return r.body().valueStream().filter(e -> action.equals(e.get("action").asString())).toList();
    }

    static Fixtures.Pool schoolPool(Http http, Fixtures fx, Fixtures.District d, String schoolId, String seatType) {
        var r = http.post("/api/v1/districts/" + d.id() + "/license-pools", Fixtures.ADMIN, map("productCode", fx.aProduct(),
                "seatType", seatType, "seats", 2, "startsOn", LocalDate.now().minusDays(30).toString(),
                "endsOn", LocalDate.now().plusDays(300).toString(), "schoolId", schoolId));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return new Fixtures.Pool(r.text("id"), d.id());
    }

    /** Active seats that break invariant 3 in the district: wrong seat type for the role, or a school-scoped pool of a school the holder left. */
    private int unqualifiedSeats(String districtId) {
        return jdbc.sql("""
                select count(*) from assignments a
                join license_pools lp on lp.id = a.pool_id
                join users u on u.id = a.user_id
                where a.released_at is null and a.district_id = ?
                  and ((a.seat_type = 'STUDENT') <> (u.role = 'STUDENT') or u.status <> 'ACTIVE'
                       or (lp.school_id is not null
                           and not exists (select 1 from user_schools us where us.user_id = u.id and us.school_id = lp.school_id)))""")
                .param(UUID.fromString(districtId)).query(Integer.class).single();
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
