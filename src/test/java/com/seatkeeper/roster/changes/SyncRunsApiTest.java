package com.seatkeeper.roster.changes;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deletion guard and the sync-runs API over real HTTP: a HELD upload changes nothing until a district admin
 * confirms it; a confirm after the roster changed is refused; a discard changes nothing; who may see and decide; the
 * history. Every response is validated against /v3/api-docs.
 */
@ApiTest
class SyncRunsApiTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;
    Runs runs;
    Fixtures.District d;
    String admin;
    String teacher;
    String otherAdmin;
    String tag;
    OpenApiInteractionValidator validator;
    final List<String> contract = new ArrayList<>();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        runs = new Runs(changes);
        d = fx.aDistrict();
        admin = fx.aDistrictAdminTokenOf(d);
        teacher = fx.tokenFor(fx.aTeacher(d));
        otherAdmin = fx.aDistrictAdminTokenOf(fx.aDistrict());
        tag = UUID.randomUUID().toString().substring(0, 8);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(http.get("/v3/api-docs", null).raw()).build();
        var first = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 20, r -> { }));
        assertThat(first.status()).isEqualTo(RunStatus.APPLIED);
    }

    @AfterEach
    void responsesFitTheDocument() {
        assertThat(contract).isEmpty();
    }

    @Test
    void anUploadDeactivatingMoreThanTheGuardAllowsIsHeldUntilADistrictAdminConfirmsIt() {
        var before = DbState.ofDistrict(jdbc, d.id());

        var held = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 17, r -> { }));

        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        assertThat(held.reason()).contains("deactivate 3 of the district's").contains("10%");
        assertThat(held.counts().users().removed()).isEqualTo(3);
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("a held run changes nothing").isEqualTo(before);
        String path = "/api/v1/sync-runs/" + held.id();

        assertThat(call("GET", path, teacher, 403).text("code")).isEqualTo("role_not_allowed");
        assertThat(call("GET", path, otherAdmin, 404).text("code")).isEqualTo("not_found");
        var seen = call("GET", path, admin, 200);
        assertThat(seen.text("status")).isEqualTo("HELD");
        assertThat(seen.text("id")).isEqualTo(held.id().toString());
        assertThat(seen.body().get("counts").get("users").get("removed").asInt()).isEqualTo(3);
        assertThat(call("POST", path + "/confirm", teacher, 403).text("code")).isEqualTo("role_not_allowed");
        assertThat(call("POST", path + "/confirm", otherAdmin, 404).text("code")).isEqualTo("not_found");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);

        var confirmed = call("POST", path + "/confirm", admin, 200);

        assertThat(confirmed.text("status")).isEqualTo("APPLIED");
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and status = 'INACTIVE'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).isEqualTo(3);
        assertThat(DbState.stagedRows(jdbc, held.id().value())).isZero();
        assertThat(call("POST", path + "/confirm", admin, 409).text("code")).isEqualTo("not_held");
    }

    @Test
    void aPreviewSaysThatApplyingWouldBeHeldAndWhy() {
        var preview = runs.bulk(d.id(), true, RosterChangesTest.snapshot(tag, 17, r -> { }));

        assertThat(preview.status()).isEqualTo(RunStatus.PREVIEW);
        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.reason()).contains("would be held").contains("deactivate 3 of the district's");
        assertThat(preview.problems()).filteredOn(p -> p.code().equals("would_be_held")).singleElement()
                .satisfies(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void twoConcurrentConfirmsOfOneHeldRunApplyItOnceAndTheOtherIsToldItIsNoLongerHeld() throws Exception {
        var held = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 17, r -> { }));
        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        String path = "/api/v1/sync-runs/" + held.id() + "/confirm";
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> { start.await(); return http.send("POST", path, admin, null); });
            var b = pool.submit(() -> { start.await(); return http.send("POST", path, admin, null); });
            start.countDown();
            var answers = List.of(a.get(), b.get());

            assertThat(answers).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 409);
            assertThat(answers).filteredOn(r -> r.status() == 409).singleElement()
                    .satisfies(r -> assertThat(r.text("code")).isEqualTo("not_held"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and status = 'INACTIVE'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aConfirmAfterTheRosterChangedIsRefusedAndADiscardChangesNothing() {
        var held = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 17, r -> { }));
        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        String s5 = jdbc.sql("select id from users where district_id = ? and sourced_id = 's5'").param(UUID.fromString(d.id()))
                .query(UUID.class).single().toString();
        assertThat(http.send("PATCH", "/api/v1/users/" + s5, admin, map("givenName", "Renamed")).status()).isEqualTo(200);
        var before = DbState.ofDistrict(jdbc, d.id());
        String path = "/api/v1/sync-runs/" + held.id();

        var stale = call("POST", path + "/confirm", admin, 409);

        assertThat(stale.text("code")).isEqualTo("held_run_stale");
        assertThat(stale.text("detail")).contains("upload the files again");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(call("GET", path, admin, 200).text("status")).isEqualTo("HELD");

        var discarded = call("POST", path + "/discard", admin, 200);

        assertThat(discarded.text("status")).isEqualTo("DISCARDED");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(DbState.stagedRows(jdbc, held.id().value())).isZero();
        assertThat(call("POST", path + "/discard", admin, 409).text("code")).isEqualTo("not_held");
        assertThat(call("POST", path + "/confirm", admin, 409).text("code")).isEqualTo("not_held");
    }

    @Test
    void theHistoryListsTheDistrictsRunsNewestFirstWithTheTotal() {
        runs.bulk(d.id(), true, RosterChangesTest.snapshot(tag, 20, r -> r.person("s99", Role.STUDENT, "Pre", "View", null, "sch-1")));
        String path = "/api/v1/districts/" + d.id() + "/sync-runs";

        var page = call("GET", path + "?limit=1", admin, 200);

        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(page.body()).hasSize(1);
        assertThat(page.body().get(0).get("status").asString()).isEqualTo("PREVIEW");
        assertThat(page.body().get(0).get("counts").get("users").get("added").asInt()).isEqualTo(1);
        var all = call("GET", path, admin, 200);
        assertThat(all.body()).hasSize(2);
        assertThat(all.body().get(1).get("status").asString()).isEqualTo("APPLIED");
        assertThat(all.body().get(1).get("trigger").asString()).isEqualTo("UPLOAD");
        assertThat(call("GET", path, teacher, 403).text("code")).isEqualTo("role_not_allowed");
        assertThat(call("GET", path, otherAdmin, 404).text("code")).isEqualTo("not_found");
        assertThat(call("GET", "/api/v1/sync-runs/" + UUID.randomUUID(), admin, 404).text("code")).isEqualTo("not_found");
    }

    private Http.Response call(String method, String path, String token, int expected) {
        Http.Response r = http.send(method, path, token, null);
        assertThat(r.status()).as("%s %s -> %s", method, path, r).isEqualTo(expected);
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, bare).withHeader("Authorization", "Bearer " + token);
        if (path.contains("?")) {
            for (String kv : path.substring(path.indexOf('?') + 1).split("&")) {
                request.withQueryParam(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.status());
        r.headers().map().forEach(response::withHeader);
        if (r.raw() != null && !r.raw().isEmpty()) {
            response.withBody(r.raw());
        }
        ValidationReport report = validator.validate(request.build(), response.build());
        if (report.hasErrors()) {
            contract.add(method + " " + path + ": " + report.getMessages());
        }
        return r;
    }

}
