package com.seatkeeper.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deactivating a person frees their licenses in the same step, recorded in the seat ledger. */
@ApiTest
class DeactivationFreesLicensesTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void deactivatingFreesEveryLicenseAtOnceWritesTheLedgerAndThePersonCannotBeAssignedAgain() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String product = fx.aProduct();
        var students = fx.aPool(d, product, "STUDENT", 2, java.time.LocalDate.now().minusDays(10), java.time.LocalDate.now().plusDays(100));
        var other = fx.aStudentPool(d, 5);
        String leaver = fx.aStudent(d);
        String stayer = fx.aStudent(d);
        assertThat(fx.assign(students, leaver).status()).isEqualTo(201);
        assertThat(fx.assign(students, stayer).status()).isEqualTo(201);
        assertThat(fx.assign(other, leaver).status()).isEqualTo(201);
        assertThat(fx.available(students)).isZero();
        String adminToken = fx.aDistrictAdminTokenOf(d);

        var r = http.post("/api/v1/users/" + leaver + "/deactivate", adminToken, null);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("INACTIVE");
        // the very next read: both seats are free, the other holder keeps theirs
        assertThat(fx.available(students)).isEqualTo(1);
        assertThat(fx.available(other)).isEqualTo(5);
        assertThat(fx.holderIds(students)).containsExactly(stayer);
        var ledger = http.get("/api/v1/license-pools/" + students.id() + "/ledger?limit=100", Fixtures.ADMIN);
        assertThat(ledger.status()).isEqualTo(200);
        List<String> releases = new java.util.ArrayList<>();
        ledger.body().forEach(e -> {
            if ("RELEASED_BY_DEACTIVATION".equals(e.get("action").asString())) {
                assertThat(e.get("userId").asString()).isEqualTo(leaver);
                assertThat(e.get("assignedDelta").asInt()).isEqualTo(-1);
                releases.add(e.get("userId").asString());
            }
        });
        assertThat(releases).hasSize(1);
        // the ledger balances against the pool's count, and status + release happened in one transaction
        Map<String, Object> row = jdbc.sql("""
                select (select sum(assigned_delta) from seat_ledger where pool_id = ?) as ledger_assigned,
                       (select assigned from license_pools where id = ?) as assigned,
                       (select count(*) from assignments where user_id = ? and released_at is null) as still_held,
                       (select count(distinct xmin::text) from (select xmin from users where id = ?
                            union all select xmin from assignments where user_id = ? and release_reason = 'RELEASED_BY_DEACTIVATION') x) as transactions
                """).params(UUID.fromString(students.id()), UUID.fromString(students.id()), UUID.fromString(leaver),
                UUID.fromString(leaver), UUID.fromString(leaver)).query().singleRow();
        assertThat(((Number) row.get("ledger_assigned")).intValue()).isEqualTo(((Number) row.get("assigned")).intValue()).isEqualTo(1);
        assertThat(((Number) row.get("still_held")).intValue()).isZero();
        assertThat(((Number) row.get("transactions")).intValue()).as("deactivation and seat releases in one transaction").isEqualTo(1);

        var again = fx.assign(students, leaver);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("code")).isEqualTo("user_inactive");
        assertThat(fx.available(students)).isEqualTo(1);

        // deactivating again changes nothing; reactivating does not bring licenses back
        assertThat(http.post("/api/v1/users/" + leaver + "/deactivate", adminToken, null).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/users/" + leaver + "/reactivate", adminToken, null).text("status")).isEqualTo("ACTIVE");
        assertThat(fx.available(students)).isEqualTo(1);
    }

    @Test
    void refusalsAndIsolation() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var other = fx.aDistrict();
        String student = fx.aStudent(d);
        String admin = fx.aDistrictAdmin(d);
        String adminToken = fx.tokenFor(admin);
        String teacher = fx.aTeacher(d);
        String teacherToken = fx.tokenFor(teacher);
        String ownStudent = fx.aStudent(d);
        fx.aClass(d, List.of(teacher), List.of(ownStudent));

        assertThat(http.post("/api/v1/users/" + student + "/deactivate", fx.aDistrictAdminTokenOf(other), null).status()).isEqualTo(404);
        // a teacher manages no one: forbidden for a student of their class, not found for one they cannot see (no probing)
        assertThat(http.post("/api/v1/users/" + ownStudent + "/deactivate", teacherToken, null).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/users/" + student + "/deactivate", teacherToken, null).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/users/" + student + "/deactivate", null, null).status()).isEqualTo(401);
        var self = http.post("/api/v1/users/" + admin + "/deactivate", adminToken, null);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.text("code")).isEqualTo("cannot_deactivate_self");

        var clever = fx.aDistrict("CLEVER");
        String cleverStudent = jdbcStudent(clever.id(), clever.schoolId());
        var readOnly = http.post("/api/v1/users/" + cleverStudent + "/deactivate", Fixtures.ADMIN, null);
        assertThat(readOnly.status()).isEqualTo(409);
        assertThat(readOnly.text("code")).isEqualTo("roster_read_only");
    }

    /** A synced person of a Clever district (the API refuses to create people there). */
    private String jdbcStudent(String districtId, String schoolId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, role, status, source, sourced_id, created_at, updated_at)
                values (?, ?, 'Synced', 'Student', 'STUDENT', 'ACTIVE', 'CLEVER', ?, now(), now())""")
                .params(id, UUID.fromString(districtId), "clever-" + id).update();
        jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?)")
                .params(UUID.fromString(districtId), id, UUID.fromString(schoolId)).update();
        return id.toString();
    }
}
