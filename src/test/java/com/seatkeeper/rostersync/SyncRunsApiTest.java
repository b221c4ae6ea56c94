package com.seatkeeper.rostersync;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Same-day syncs end to end over real HTTP, on the real scheduler and engine, with a scripted provider
 * ({@link ScriptedConnector}): 202 then QUEUED/RUNNING with pages read then APPLIED with counts; a second request while
 * one runs is 409 with its id; the daily limit is 429 with the next local midnight; a sync broken off midway changes
 * nothing; a mass removal is HELD until confirmed or discarded; a run a dead instance left RUNNING is ended FAILED by
 * the sweep; the token never shows in a response, a log line or a run record.
 */
@ApiTest
@Import(ScriptedConnector.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class SyncRunsApiTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScriptedConnector provider;

    Http http;
    Fixtures fx;
    Fixtures.District district;
    String admin;
    String token;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        district = fx.aDistrict();
        admin = fx.tokenFor(fx.aDistrictAdmin(district));
        token = "tok-" + UUID.randomUUID().toString().replace("-", "");
    }

    void connect() {
        var r = http.send("PUT", "/api/v1/districts/" + district.id() + "/rostering", admin,
                map("source", "CLEVER", "clever", map("districtToken", token), "nightlyAt", "02:00"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    Http.Response request() {
        return http.post("/api/v1/districts/" + district.id() + "/sync-requests", admin, null);
    }

    Http.Response run(String id) {
        return http.get("/api/v1/sync-runs/" + id, admin);
    }

    Http.Response awaitEnd(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        Http.Response r = run(id);
        while (Set.of("QUEUED", "RUNNING").contains(r.text("status")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            r = run(id);
        }
        return r;
    }

    String syncNow() throws InterruptedException {
        var r = request();
        assertThat(r.status()).as("%s", r).isEqualTo(202);
        String id = r.text("syncRunId");
        awaitEnd(id);
        return id;
    }

    @Test
    void aSameDaySyncIsQueuedRunsWithItsPagesAndIsAppliedWithCounts(CapturedOutput output) throws Exception {
        connect();
        var script = provider.script(token).students(ScriptedConnector.students(1, 3)).hold();
        var accepted = request();
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        String id = accepted.text("syncRunId");
        assertThat(run(id).text("status")).isIn("QUEUED", "RUNNING");
        assertThat(run(id).text("trigger")).isEqualTo("SAME_DAY");

        assertThat(script.awaitEntered()).isTrue();
        var running = run(id);
        assertThat(running.text("status")).isEqualTo("RUNNING");
        assertThat(running.body().get("pagesRead").asLong()).isEqualTo(1);
        assertThat(running.body().get("rowsRead").asLong()).isEqualTo(6);

        // a second request while it runs: 409 naming the run, nothing queued
        var again = request();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("sync_already_queued");
        assertThat(again.text("syncRunId")).isEqualTo(id);

        script.release();
        var done = awaitEnd(id);
        assertThat(done.text("status")).as("%s", done).isEqualTo("APPLIED");
        assertThat(done.body().get("counts").get("users").get("added").asLong()).isEqualTo(4);
        assertThat(done.body().get("counts").get("classes").get("added").asLong()).isEqualTo(1);
        assertThat(done.body().get("counts").get("enrollments").get("added").asLong()).isEqualTo(4);
        assertThat(done.body().get("pagesRead").asLong()).isEqualTo(2);
        assertThat(done.text("requestedBy")).isNotBlank().isNotEqualTo("nightly sync");
        var users = http.get("/api/v1/districts/" + district.id() + "/users?sourcedId=s2", admin);
        assertThat(users.body().size()).isEqualTo(1);
        assertThat(users.body().get(0).get("source").asString()).isEqualTo("CLEVER");

        // the history lists it
        var history = http.get("/api/v1/districts/" + district.id() + "/sync-runs", admin);
        assertThat(history.raw()).contains(id);
        assertNoSecret(output, done.raw() + history.raw());
    }

    @Test
    void theDailyLimitIsRefusedWith429AndWhenTheNextIsAllowed() throws Exception {
        connect();
        provider.script(token).students(ScriptedConnector.students(1, 2));
        for (int i = 0; i < 3; i++) {
            assertThat(run(syncNow()).text("status")).isEqualTo("APPLIED");
        }
        Map0 before = new Map0(DbState.ofDistrict(jdbc, district.id()).values(), runs());
        var refused = request();
        assertThat(refused.status()).as("%s", refused).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("sync_limit_reached");
        ZoneId ny = ZoneId.of("America/New_York");
        Instant midnight = LocalDate.now(ny).plusDays(1).atStartOfDay(ny).toInstant();
        assertThat(Instant.parse(refused.text("nextAllowedAt"))).isEqualTo(midnight);
        assertThat(refused.text("detail")).contains("3 same-day syncs").contains("America/New_York");
        assertThat(new Map0(DbState.ofDistrict(jdbc, district.id()).values(), runs())).isEqualTo(before);
    }

    @Test
    void withTheLastOfTheDaysSyncsRunningConcurrentRequestsAreToldItRunsNotTheLimit() throws Exception {
        connect();
        var script = provider.script(token).students(ScriptedConnector.students(1, 2));
        for (int i = 0; i < 2; i++) {
            assertThat(run(syncNow()).text("status")).isEqualTo("APPLIED");
        }
        script.hold();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<com.seatkeeper.support.Http.Response>>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(this::request));
            }
            java.util.List<com.seatkeeper.support.Http.Response> got = new java.util.ArrayList<>();
            for (var f : answers) {
                got.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(got).filteredOn(r -> r.status() == 202).as("one passes the limit").hasSize(1);
            String id = got.stream().filter(r -> r.status() == 202).findFirst().orElseThrow().text("syncRunId");
            assertThat(got).filteredOn(r -> r.status() != 202).as("the others are told it runs, not 429")
                    .allSatisfy(r -> {
                        assertThat(r.status()).isEqualTo(409);
                        assertThat(r.text("code")).isEqualTo("sync_already_queued");
                        assertThat(r.text("syncRunId")).isEqualTo(id);
                    });
            script.awaitEntered();
            var whileRunning = request();
            assertThat(whileRunning.status()).isEqualTo(409);
            assertThat(whileRunning.text("syncRunId")).isEqualTo(id);
            script.release();
            assertThat(awaitEnd(id).text("status")).isEqualTo("APPLIED");
            assertThat(request().status()).as("the day's three are used").isEqualTo(429);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSyncBrokenOffMidwayEndsFailedAndChangesNothing(CapturedOutput output) throws Exception {
        connect();
        var script = provider.script(token).students(ScriptedConnector.students(1, 4));
        assertThat(run(syncNow()).text("status")).isEqualTo("APPLIED");
        var before = DbState.ofDistrict(jdbc, district.id());

        script.students(ScriptedConnector.students(2, 6)).failOnSecondPage(
                "Clever refused the district token (401): reconnect the district in Clever and paste the new token.");
        String id = syncNow();
        var failed = run(id);
        assertThat(failed.text("status")).as("%s", failed).isEqualTo("FAILED");
        assertThat(failed.text("reason")).contains("401").contains("paste the new token");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
        assertThat(DbState.stagedRows(jdbc, UUID.fromString(id)))
                .isZero();
        assertNoSecret(output, failed.raw());
    }

    @Test
    void aStoredTokenThatNoLongerWorksFailsTheRunWithTheReason() throws Exception {
        connect();
        // the provider knows no script for this token: 401
        String id = syncNow();
        var failed = run(id);
        assertThat(failed.text("status")).isEqualTo("FAILED");
        assertThat(failed.text("reason")).contains("Clever refused the district token");
    }

    @Test
    void aMassRemovalIsHeldUntilConfirmedAndADiscardedOneChangesNothing() throws Exception {
        connect();
        var script = provider.script(token).students(ScriptedConnector.students(1, 20));
        assertThat(run(syncNow()).text("status")).isEqualTo("APPLIED");
        var pool = fx.aStudentPool(district, 30);
        String s1 = http.get("/api/v1/districts/" + district.id() + "/users?sourcedId=s1", admin).body().get(0).get("id").asString();
        assertThat(fx.assign(pool, s1).status()).isEqualTo(201);

        // 5 of 21 people gone: held, nothing changed until a district admin decides
        script.students(ScriptedConnector.students(6, 20));
        var before = DbState.ofDistrict(jdbc, district.id());
        String held = syncNow();
        assertThat(run(held).text("status")).isEqualTo("HELD");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
        var discarded = http.post("/api/v1/sync-runs/" + held + "/discard", admin, null);
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.text("status")).isEqualTo("DISCARDED");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);

        String heldAgain = syncNow();
        assertThat(run(heldAgain).text("status")).isEqualTo("HELD");
        var confirmed = http.post("/api/v1/sync-runs/" + heldAgain + "/confirm", admin, null);
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("APPLIED");
        assertThat(confirmed.body().get("counts").get("users").get("removed").asLong()).isEqualTo(5);
        assertThat(fx.pool(pool).number("assigned")).isZero();
        assertThat(jdbc.sql("select reason from seat_ledger where pool_id = ? and action = 'RELEASED_BY_SYNC'")
                .param(UUID.fromString(pool.id())).query(String.class).single()).contains(heldAgain);
    }

    @Test
    void aRunADeadInstanceLeftRunningIsEndedFailedBySweep() throws Exception {
        connect();
        UUID run = UUID.randomUUID();
        // as an instance that died while pulling leaves it: RUNNING, its heartbeat ten minutes old
        jdbc.sql("""
                insert into sync_runs (id, district_id, trigger, source, status, dry_run, phase, requested_by, started_at, heartbeat_at)
                values (?, ?, 'SAME_DAY', 'CLEVER', 'RUNNING', false, 'PULLING', 'someone', now() - interval '11 minutes',
                        now() - interval '10 minutes')""").params(run, UUID.fromString(district.id())).update();
        long deadline = System.currentTimeMillis() + 10_000;
        while ("RUNNING".equals(run(run.toString()).text("status")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        var ended = run(run.toString());
        assertThat(ended.text("status")).isEqualTo("FAILED");
        assertThat(ended.text("reason")).contains("stopped");
        // and the district syncs again
        provider.script(token).students(ScriptedConnector.students(1, 1));
        assertThat(run(syncNow()).text("status")).isEqualTo("APPLIED");
    }

    @Test
    void teachersMayNotRequestAndAnotherDistrictIs404AndAManualDistrictIsNotConnected() {
        var manual = http.post("/api/v1/districts/" + district.id() + "/sync-requests", admin, null);
        assertThat(manual.status()).isEqualTo(409);
        assertThat(manual.text("code")).isEqualTo("rostering_not_connected");
        String teacher = fx.tokenFor(fx.aTeacher(district));
        connect();
        var t = http.post("/api/v1/districts/" + district.id() + "/sync-requests", teacher, null);
        assertThat(t.status()).isEqualTo(403);
        assertThat(t.text("code")).isEqualTo("role_not_allowed");
        var other = fx.aDistrict();
        String otherAdmin = fx.tokenFor(fx.aDistrictAdmin(other));
        assertThat(http.post("/api/v1/districts/" + district.id() + "/sync-requests", otherAdmin, null).status()).isEqualTo(404);
        assertThat(runs()).isZero();
    }

    @Test
    void testingTheConnectionUsesTheStoredTokenAndExplainsA401(CapturedOutput output) {
        connect();
        var refused = http.post("/api/v1/districts/" + district.id() + "/rostering:test", admin, null);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body().get("ok").asBoolean()).isFalse();
        assertThat(refused.text("problem")).contains("Clever refused the district token");
        provider.script(token).students(ScriptedConnector.students(1, 2));
        var ok = http.post("/api/v1/districts/" + district.id() + "/rostering:test", admin, null);
        assertThat(ok.body().get("ok").asBoolean()).isTrue();
        assertNoSecret(output, refused.raw() + ok.raw());
    }

    /** The token in no response given, no captured log line and no run record of the district. */
    void assertNoSecret(CapturedOutput output, String responses) {
        assertThat(responses).doesNotContain(token);
        assertThat(output.getAll()).doesNotContain(token);
        assertThat(jdbc.sql("select count(*) from sync_runs where district_id = ? and (coalesce(problems::text, '') || coalesce(reason, '') "
                + "|| requested_by) like ?").params(UUID.fromString(district.id()), "%" + token + "%").query(Long.class).single()).isZero();
    }

    long runs() {
        return jdbc.sql("select count(*) from sync_runs where district_id = ?").param(UUID.fromString(district.id())).query(Long.class).single();
    }

    record Map0(Object db, long runs) {}
}
