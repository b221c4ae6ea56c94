package com.seatkeeper.rostersync;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.OneRosterData;
import com.seatkeeper.support.OneRosterStandIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Issue 11's acceptance through the real sync runner ({@code POST …/sync-requests}, the job, the engine, the embedded
 * PostgreSQL) against the OneRoster stand-ins on loopback: a 1.1 district signed with OAuth 1.0a and a secret with
 * {@code /+=&~}, paged by a server that caps {@code limit}, then a delta that releases the license of a
 * {@code tobedeleted} student; a server that ignores the delta filter (full pulls, same result); a wrong secret (FAILED,
 * explained); a 1.2 district whose token expires mid-run and whose server fails once (renewed once, retried, APPLIED); a
 * run broken off midway (nothing applied); and the three REST samples, each synced or failed with a precise problem.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class OneRosterSyncTest {
    static final String SECRET = "s/cr+t=&~key";
    static final Path SAMPLES = Path.of("../shared/samples");
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
    final List<OneRosterStandIn> standIns = new ArrayList<>();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        district = fx.aDistrict();
        admin = fx.tokenFor(fx.aDistrictAdmin(district));
    }

    @AfterEach
    void tearDown() {
        standIns.forEach(OneRosterStandIn::close);
    }

    String path(String rest) {
        return "/api/v1/districts/" + district.id() + rest;
    }

    void connect(OneRosterStandIn s, String version, String clientId, String secret) {
        var oneRoster = "1.2".equals(version)
                ? map("baseUrl", s.baseUrl().toString(), "version", "1.2", "auth", "OAUTH2", "clientId", clientId, "clientSecret", secret,
                        "tokenUrl", s.tokenUrl().toString())
                : map("baseUrl", s.baseUrl().toString(), "version", "1.1", "auth", "OAUTH1", "clientId", clientId, "clientSecret", secret);
        var r = http.send("PUT", path("/rostering"), admin, map("source", "CLASSLINK", "oneRoster", oneRoster, "nightlyAt", "02:00"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.raw()).doesNotContain(secret);
    }

    /** Each stand-in's client id. */
    final Map<OneRosterStandIn, String> clientIds = new HashMap<>();

    String clientIdOf(OneRosterStandIn s) {
        return clientIds.get(s);
    }

    /** A 1.1 (signed) or 1.2 (tokens) stand-in of its own client serving {@code data}, closed after the test. */
    OneRosterStandIn started(boolean v12, OneRosterData data) {
        String id = "client-" + UUID.randomUUID().toString().substring(0, 8);
        OneRosterStandIn s = (v12 ? OneRosterStandIn.v12(id, SECRET) : OneRosterStandIn.v11(id, SECRET)).serve(data);
        standIns.add(s);
        clientIds.put(s, id);
        return s;
    }

    Http.Response syncToEnd() throws InterruptedException {
        var accepted = http.post(path("/sync-requests"), admin, null);
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        String id = accepted.text("syncRunId");
        long deadline = System.currentTimeMillis() + 90_000;
        Http.Response r = http.get("/api/v1/sync-runs/" + id, admin);
        while (Set.of("QUEUED", "RUNNING").contains(r.text("status")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            r = http.get("/api/v1/sync-runs/" + id, admin);
        }
        return r;
    }

    static long count(Http.Response run, String kind, String what) {
        return run.body().get("counts").get(kind).get(what).asLong();
    }

    String userId(String sourcedId) {
        var r = http.get(path("/users?sourcedId=" + sourcedId), admin);
        assertThat(r.body().size()).as("%s", r).isEqualTo(1);
        return r.body().get(0).get("id").asString();
    }

    @Test
    void aOnePointOneDistrictIsSyncedThroughCappedPagesAndItsDeltaReleasesTheLicenseOfAStudentToBeDeleted(CapturedOutput output)
            throws Exception {
        OneRosterData data = OneRosterData.generate("1.1", 1, STUDENTS, 1, 1, 1);
        OneRosterStandIn s = started(false, data).maxLimit(5);
        connect(s, "1.1", clientIdOf(s), SECRET);

        var test = http.post(path("/rostering:test"), admin, null);
        assertThat(test.body().get("ok").asBoolean()).as("%s", test).isTrue();
        s.resetRequests();
        var first = syncToEnd();
        assertThat(first.text("status")).as("%s", first).isEqualTo("APPLIED");
        assertThat(count(first, "users", "added")).isEqualTo(STUDENTS + 1);
        assertThat(count(first, "classes", "added")).isEqualTo(1);
        assertThat(count(first, "enrollments", "added")).isEqualTo(STUDENTS + 1);
        assertThat(s.requests("/users")).hasSize((STUDENTS + 1 + 4) / 5).allSatisfy(q -> assertThat(q.status()).isEqualTo(200));

        String leaver = data.ids("users").stream().filter(id -> id.startsWith("usr-s")).findFirst().orElseThrow();
        var pool = fx.aStudentPool(district, 5);
        assertThat(fx.assign(pool, userId(leaver)).status()).isEqualTo(201);
        data.markDeleted("users", leaver);
        s.resetRequests();
        var delta = syncToEnd();

        assertThat(delta.text("status")).as("%s", delta).isEqualTo("APPLIED");
        assertThat(count(delta, "users", "removed")).isEqualTo(1);
        assertThat(count(delta, "users", "added")).isZero();
        // the one-time check (limit=1, with and without the filter), then only changes
        assertThat(s.requests("/users")).filteredOn(q -> !"1".equals(q.query().get("limit"))).isNotEmpty()
                .allSatisfy(q -> assertThat(q.query().get("filter")).startsWith("dateLastModified>'"));
        assertThat(s.requests("/users")).filteredOn(q -> "1".equals(q.query().get("limit"))).hasSize(2);
        assertThat(fx.pool(pool).number("assigned")).isZero();
        assertThat(jdbc.sql("select reason from seat_ledger where pool_id = ? and action = 'RELEASED_BY_SYNC'")
                .param(UUID.fromString(pool.id())).query(String.class).single()).contains(delta.text("id"));
        assertThat(output.getAll()).doesNotContain(SECRET);
        assertThat(jdbc.sql("select count(*) from sync_runs where district_id = ? and (coalesce(problems::text, '') || coalesce(reason, ''))"
                + " like ?").params(UUID.fromString(district.id()), "%" + SECRET + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aServerThatIgnoresTheDeltaFilterIsPulledInFullWithTheSameResult() throws Exception {
        OneRosterData data = OneRosterData.generate("1.1", 1, STUDENTS, 1, 1, 1);
        OneRosterStandIn s = started(false, data).ignoreDeltaFilter(true);
        connect(s, "1.1", clientIdOf(s), SECRET);
        assertThat(syncToEnd().text("status")).isEqualTo("APPLIED");

        String leaver = data.ids("users").stream().filter(id -> id.startsWith("usr-s")).findFirst().orElseThrow();
        data.markDeleted("users", leaver);
        String renamed = data.ids("users").get(3);
        data.edit("users", renamed, u -> u.put("familyName", "Renamed"));
        var second = syncToEnd();
        s.resetRequests();
        var third = syncToEnd();

        assertThat(second.text("status")).as("%s", second).isEqualTo("APPLIED");
        assertThat(count(second, "users", "removed")).isEqualTo(1);
        assertThat(count(second, "users", "updated")).isEqualTo(1);
        assertThat(third.text("status")).as("%s", third).isEqualTo("APPLIED");
        assertThat(count(third, "users", "removed") + count(third, "users", "updated") + count(third, "users", "added")).isZero();
        assertThat(s.requests()).as("detected once: no filter is asked any more").noneMatch(q -> q.query().containsKey("filter"));
    }

    @Test
    void aWrongSecretEndsTheRunFailedWithTheReasonInPlainWords(CapturedOutput output) throws Exception {
        OneRosterStandIn s = started(false, OneRosterData.generate("1.1", 1, 3, 1, 1, 1));
        connect(s, "1.1", clientIdOf(s), "not-the-secret");
        var before = DbState.ofDistrict(jdbc, district.id());

        var failed = syncToEnd();

        assertThat(failed.text("status")).as("%s", failed).isEqualTo("FAILED");
        assertThat(failed.text("reason")).contains("refused the signature (401)").contains("client id (key) or secret is wrong");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
        assertThat(output.getAll()).doesNotContain("not-the-secret");
    }

    @Test
    void aOnePointTwoTokenThatExpiresMidRunIsRenewedOnceAndAServerErrorIsRetried(CapturedOutput output) throws Exception {
        OneRosterData data = OneRosterData.generate("1.2", 2, STUDENTS, 10, 2, 1);
        OneRosterStandIn s = started(true, data).maxLimit(4).validateResponses(true);
        boolean[] expired = {false};
        data.onPage((collection, offset) -> {
            if (collection.equals("users") && offset >= 8 && !expired[0]) {
                expired[0] = true;
                s.expireTokensNow();
            }
        });
        s.failNext("/enrollments", 1, 500);
        connect(s, "1.2", clientIdOf(s), SECRET);

        var done = syncToEnd();

        assertThat(done.text("status")).as("%s", done).isEqualTo("APPLIED");
        assertThat(count(done, "users", "added")).isEqualTo(STUDENTS + 10);
        assertThat(s.tokensIssued()).isEqualTo(2);
        assertThat(s.validationProblems()).isEmpty();
        // usr-t0000000 teaches at its school and also holds a secondary districtAdministrator role at the district
        var teacher = http.get(path("/users?sourcedId=usr-t0000000"), admin).body().get(0);
        assertThat(teacher.get("role").asString()).isEqualTo("TEACHER");
        // neither the client secret nor a bearer token reaches a log line or the run
        List<String> bearers = s.requests("/users").stream().map(OneRosterStandIn.RecordedRequest::authorization).distinct().toList();
        assertThat(bearers).hasSize(2).allMatch(a -> a.startsWith("Bearer "));
        for (String secret : bearers.stream().map(a -> a.substring("Bearer ".length())).toList()) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(done.raw()).doesNotContain(secret);
        }
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void aRunBrokenOffMidwayAppliesNothing() throws Exception {
        OneRosterData data = OneRosterData.generate("1.1", 1, STUDENTS, 1, 1, 1);
        OneRosterStandIn s = started(false, data).maxLimit(5);
        connect(s, "1.1", clientIdOf(s), SECRET);
        assertThat(syncToEnd().text("status")).isEqualTo("APPLIED");
        data.edit("users", data.ids("users").get(2), u -> u.put("givenName", "Changed"));
        data.markDeleted("users", data.ids("users").get(4));
        var before = DbState.rowVersions(jdbc, district.id());
        s.breakAfter(4);

        var broken = syncToEnd();

        assertThat(broken.text("status")).as("%s", broken).isEqualTo("FAILED");
        assertThat(broken.text("reason")).contains("broke off");
        assertThat(DbState.rowVersions(jdbc, district.id())).isEqualTo(before);
    }

    @Test
    void theFintOnePointOneSampleFailsBecauseItsTwoUsersShareOneEmail() throws Exception {
        OneRosterStandIn s = started(false, OneRosterData.fromSample(SAMPLES.resolve("fint-or11-rest")));
        connect(s, "1.1", clientIdOf(s), SECRET);
        var before = DbState.ofDistrict(jdbc, district.id());

        var run = syncToEnd();

        // PROVENANCE.md B2: both users are "brukernavn" with the same address; they are reported, not merged
        assertThat(run.text("status")).as("%s", run).isEqualTo("REJECTED");
        assertThat(run.body().get("problems")).extracting(p -> p.get("code").asString() + " " + p.get("file").asString() + ":"
                + p.get("line").asLong()).containsExactly("duplicate_email users:1", "duplicate_email users:2");
        assertThat(run.raw()).contains("fornavn.etternavn@skole.fylke.no");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
    }

    @Test
    void theJapaneseOnePointTwoSampleFailsBecauseItsUserHasNoRole() throws Exception {
        OneRosterStandIn s = started(true, OneRosterData.fromSample(SAMPLES.resolve("jp-da2022-or12-rest")));
        connect(s, "1.2", clientIdOf(s), SECRET);
        var before = DbState.ofDistrict(jdbc, district.id());

        var run = syncToEnd();

        assertThat(run.text("status")).as("%s", run).isIn("REJECTED", "FAILED");
        assertThat(run.raw()).contains("user_without_role").contains("fde2a968-1ac9-4c72-96bc-28bb20e3afb8 (no role)");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
    }

    @Test
    void theLibreSampleFailsBecauseItsClassesAreAtAnOrgThatIsNoSchool() throws Exception {
        OneRosterStandIn s = started(false, OneRosterData.fromSample(SAMPLES.resolve("libre-or11-rest")));
        connect(s, "1.1", clientIdOf(s), SECRET);
        var before = DbState.ofDistrict(jdbc, district.id());

        var run = syncToEnd();

        assertThat(run.text("status")).as("%s", run).isIn("REJECTED", "FAILED");
        assertThat(run.raw()).contains("016");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
    }
}
