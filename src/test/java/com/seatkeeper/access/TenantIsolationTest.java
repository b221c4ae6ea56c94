package com.seatkeeper.access;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Invariant 6: a district administrator of one district neither reads nor changes anything of
 * another district; every such request is answered 404, exactly as for an id that does not
 * exist, so ids of other districts cannot be probed.
 */
@ApiTest
class TenantIsolationTest {
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

    /** One request; {@code ownSide} is the status the same request gets from someone who may make it. */
    record Probe(String name, String method, String path, Object body, int ownSide) {}

    @Test
    void aDistrictAdminGetsNotFoundForEveryResourceOfAnotherDistrictAndChangesNothingThere() {
        var districtA = fx.aDistrict();
        String adminOfA = fx.aDistrictAdminTokenOf(districtA);

        var districtB = fx.aDistrict();
        String adminOfBId = fx.aDistrictAdmin(districtB);
        String adminOfB = fx.tokenFor(adminOfBId);
        var poolOfB = fx.aStudentPool(districtB, 5);
        List<String> studentsOfB = fx.students(districtB, 4);
        String teacherOfB = fx.aTeacher(districtB);
        String holderOfB = studentsOfB.get(0);
        assertThat(fx.assign(poolOfB, holderOfB).status()).isEqualTo(201);
        fx.aClass(districtB, List.of(teacherOfB), studentsOfB);

        String nameOfB = http.get("/api/v1/districts/" + districtB.id(), ADMIN).text("name");
        String b = "/api/v1/districts/" + districtB.id();
        String pool = "/api/v1/license-pools/" + poolOfB.id();
        // in the order in which B's own admin can then make the same requests successfully
        List<Probe> probes = List.of(
                new Probe("district", "GET", b, null, 200),
                new Probe("schools", "GET", b + "/schools", null, 200),
                new Probe("pools list", "GET", b + "/license-pools", null, 200),
                new Probe("one pool", "GET", pool, null, 200),
                new Probe("users list", "GET", b + "/users", null, 200),
                new Probe("classes list", "GET", b + "/classes", null, 200),
                new Probe("one user", "GET", "/api/v1/users/" + holderOfB, null, 200),
                new Probe("a user's licenses", "GET", "/api/v1/users/" + holderOfB + "/licenses", null, 200),
                new Probe("holders", "GET", pool + "/assignments", null, 200),
                new Probe("ledger", "GET", pool + "/ledger", null, 200),
                new Probe("assign", "PUT", pool + "/assignments/" + studentsOfB.get(1), null, 201),
                new Probe("reassign", "POST", pool + "/reassignments", map("fromUserId", holderOfB, "toUserId", studentsOfB.get(2)), 200),
                new Probe("unassign", "DELETE", pool + "/assignments/" + studentsOfB.get(2), null, 204),
                new Probe("bulk assign", "POST", pool + "/assignments:bulk", map("userIds", List.of(studentsOfB.get(3)), "mode", "ALL_OR_NOTHING"), 200),
                new Probe("create user", "POST", b + "/users", map("givenName", "Eve", "familyName", "Intruder", "role", "STUDENT",
                        "schoolIds", List.of(districtB.schoolId())), 201),
                new Probe("create class", "POST", b + "/classes", map("name", "Hijacked", "schoolId", districtB.schoolId(),
                        "teacherIds", List.of(teacherOfB), "studentIds", List.of(holderOfB)), 201),
                new Probe("create school", "POST", b + "/schools", map("name", "Shadow School"), 201),
                new Probe("api token for a person of B", "POST", "/api/v1/api-tokens", map("userId", teacherOfB, "name", "stolen"), 201));
        var purchase = new Probe("purchase", "POST", pool + "/purchases", map("seats", 100, "reference", "PO-X"), 201);

        DbState bBefore = DbState.ofDistrict(jdbc, districtB.id());
        DbState everythingBefore = DbState.of(jdbc);
        long ledgerRowsBefore = ledgerRows(poolOfB);

        for (Probe p : concat(probes, purchase)) {
            var r = http.send(p.method(), p.path(), adminOfA, p.body());
            assertThat(r.status()).as("%s by district A's admin: %s", p.name(), r).isEqualTo(404);
            assertThat(r.text("code")).as(p.name()).isEqualTo("not_found");
            assertThat(r.raw()).as("%s leaks nothing of B", p.name()).doesNotContain(nameOfB).doesNotContain("Given");
        }

        assertThat(DbState.ofDistrict(jdbc, districtB.id())).as("district B's data").isEqualTo(bBefore);
        assertThat(DbState.of(jdbc)).as("the whole database").isEqualTo(everythingBefore);
        assertThat(ledgerRows(poolOfB)).as("not even a refusal was recorded in B's ledger").isEqualTo(ledgerRowsBefore);
        assertThat(fx.holderIds(poolOfB)).containsExactly(holderOfB);
        assertThat(fx.pool(poolOfB).number("seats")).isEqualTo(5);
        // district A's admin sees only district A in the district list
        var visible = http.get("/api/v1/districts", adminOfA);
        assertThat(visible.status()).isEqualTo(200);
        assertThat(visible.body().size()).isEqualTo(1);
        assertThat(visible.body().get(0).get("id").asString()).isEqualTo(districtA.id());

        // the same requests are fine for those who may make them: the 404s above come from the tenant boundary alone
        for (Probe p : probes) {
            var r = http.send(p.method(), p.path(), adminOfB, p.body());
            assertThat(r.status()).as("%s by district B's admin: %s", p.name(), r).isEqualTo(p.ownSide());
        }
        assertThat(http.send(purchase.method(), purchase.path(), ADMIN, purchase.body()).status()).isEqualTo(purchase.ownSide());
    }

    @Test
    void idsOfAnotherDistrictLookExactlyLikeIdsThatDoNotExist() {
        var districtA = fx.aDistrict();
        String adminOfA = fx.aDistrictAdminTokenOf(districtA);
        var districtB = fx.aDistrict();
        var poolOfB = fx.aStudentPool(districtB, 5);

        var foreign = http.get("/api/v1/license-pools/" + poolOfB.id(), adminOfA);
        var missing = http.get("/api/v1/license-pools/" + java.util.UUID.randomUUID(), adminOfA);

        assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
        assertThat(foreign.text("code")).isEqualTo(missing.text("code"));
        assertThat(foreign.text("title")).isEqualTo(missing.text("title"));
        assertThat(foreign.text("detail").replace(poolOfB.id(), "ID")).isEqualTo(missing.text("detail").replaceAll("[0-9a-f-]{36}", "ID"));
    }

    private long ledgerRows(Fixtures.Pool pool) {
        return jdbc.sql("select count(*) from seat_ledger where pool_id = ?").param(java.util.UUID.fromString(pool.id())).query(Long.class).single();
    }

    private static List<Probe> concat(List<Probe> probes, Probe last) {
        var all = new java.util.ArrayList<>(probes);
        all.add(last);
        return all;
    }
}
