package com.seatkeeper.rostersync;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole path with the real Clever connector against the Clever stand-in on loopback: connect over the API, test the
 * connection (ok with counts; a token Clever no longer accepts explained), request a same-day sync and follow it to
 * APPLIED with counts, a sync broken off by a 401 on a later request (FAILED, nothing changed), and the district token
 * in no response, captured log line or run record.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class SyncWithStandInTest {
    /** Enough that one leaver stays under the deletion guard's 10% (1 of 13 people). */
    static final int STUDENTS = 12;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;
    Fixtures.District district;
    String admin;
    CleverStandIn clever;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        district = fx.aDistrict();
        admin = fx.tokenFor(fx.aDistrictAdmin(district));
        clever = CleverStandIn.start();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        clever.school("sch1", "North " + tag).teacher("t1", "Tess", "Teacher", "t1-" + tag + "@example.test", "sch1");
        List<String> students = new ArrayList<>();
        for (int i = 1; i <= STUDENTS; i++) {
            clever.student("s" + i, "Sam", "Student" + i, "s" + i + "-" + tag + "@example.test", "9", "sch1");
            students.add("s" + i);
        }
        clever.section("sec1", "Math 1", "sch1", null, null, List.of("t1"), students);
    }

    @AfterEach
    void tearDown() {
        clever.close();
    }

    String path(String rest) {
        return "/api/v1/districts/" + district.id() + rest;
    }

    void connect() {
        var r = http.send("PUT", path("/rostering"), admin, map("source", "CLEVER",
                "clever", map("baseUrl", clever.baseUrl().toString(), "districtToken", clever.token()), "nightlyAt", "02:00"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.raw()).doesNotContain(clever.token());
    }

    Http.Response syncToEnd() throws InterruptedException {
        var accepted = http.post(path("/sync-requests"), admin, null);
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        String id = accepted.text("syncRunId");
        long deadline = System.currentTimeMillis() + 60_000;
        Http.Response r = http.get("/api/v1/sync-runs/" + id, admin);
        while (Set.of("QUEUED", "RUNNING").contains(r.text("status")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            r = http.get("/api/v1/sync-runs/" + id, admin);
        }
        return r;
    }

    @Test
    void testingTheConnectionCountsWhatCleverServesAndExplainsARefusedToken(CapturedOutput output) {
        String token = clever.token();
        connect();
        var ok = http.post(path("/rostering:test"), admin, null);
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.body().get("ok").asBoolean()).as("%s", ok).isTrue();
        assertThat(ok.body().get("found").get("users").asLong()).isEqualTo(STUDENTS + 1);

        clever.token("reconnected-" + UUID.randomUUID());
        var refused = http.post(path("/rostering:test"), admin, null);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body().get("ok").asBoolean()).isFalse();
        assertThat(refused.text("problem")).contains("token");
        assertThat(ok.raw() + refused.raw()).doesNotContain(token);
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void aSameDaySyncPullsTheDistrictFromCleverAndAppliesIt(CapturedOutput output) throws Exception {
        connect();
        var done = syncToEnd();
        assertThat(done.text("status")).as("%s", done).isEqualTo("APPLIED");
        assertThat(done.text("trigger")).isEqualTo("SAME_DAY");
        assertThat(done.body().get("counts").get("users").get("added").asLong()).isEqualTo(STUDENTS + 1);
        assertThat(done.body().get("counts").get("classes").get("added").asLong()).isEqualTo(1);
        assertThat(done.body().get("counts").get("enrollments").get("added").asLong()).isEqualTo(STUDENTS + 1);
        assertThat(done.body().get("pagesRead").asLong()).isPositive();
        var s2 = http.get(path("/users?sourcedId=s2"), admin);
        assertThat(s2.body().size()).isEqualTo(1);

        // a student who left frees their license at the next sync, the ledger naming the run
        var pool = fx.aStudentPool(district, 5);
        assertThat(fx.assign(pool, s2.body().get(0).get("id").asString()).status()).isEqualTo(201);
        clever.removeUser("s2");
        var next = syncToEnd();
        assertThat(next.text("status")).as("%s", next).isEqualTo("APPLIED");
        assertThat(next.body().get("counts").get("users").get("removed").asLong()).isEqualTo(1);
        assertThat(fx.pool(pool).number("assigned")).isZero();
        assertThat(jdbc.sql("select reason from seat_ledger where pool_id = ? and action = 'RELEASED_BY_SYNC'")
                .param(UUID.fromString(pool.id())).query(String.class).single()).contains(next.text("id"));
        assertThat(output.getAll()).doesNotContain(clever.token());
        assertThat(jdbc.sql("select count(*) from sync_runs where district_id = ? and (coalesce(problems::text, '') || coalesce(reason, ''))"
                + " like ?").params(UUID.fromString(district.id()), "%" + clever.token() + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aSyncThatCleverRefusesOnALaterRequestEndsFailedAndChangesNothing(CapturedOutput output) throws Exception {
        connect();
        assertThat(syncToEnd().text("status")).isEqualTo("APPLIED");
        clever.removeUser("s1");
        clever.student("s9", "New", "Student", "s9-" + UUID.randomUUID() + "@example.test", "9", "sch1");
        var before = DbState.ofDistrict(jdbc, district.id());
        // the second sync reads Clever's events since the first: the page of events is refused
        clever.failNext("/v3.0/events?", 1, 401);
        var failed = syncToEnd();
        assertThat(failed.text("status")).as("%s", failed).isEqualTo("FAILED");
        assertThat(failed.text("reason")).containsIgnoringCase("token");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
        assertThat(failed.raw()).doesNotContain(clever.token());
        assertThat(output.getAll()).doesNotContain(clever.token());
    }
}
