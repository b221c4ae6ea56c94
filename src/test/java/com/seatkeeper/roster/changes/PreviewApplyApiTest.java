package com.seatkeeper.roster.changes;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.seatkeeper.shared.DistrictId;
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
 * {@code POST /api/v1/sync-runs/{runId}/apply} over real HTTP: a preview is applied without a second upload, as shown;
 * refused (nothing changed) for a run that is not a kept preview, when the roster changed since the preview, while
 * another run of the district is in progress, for a teacher and for another district. Every response is validated
 * against /v3/api-docs, refusals' codes against the codes the document lists.
 */
@ApiTest
class PreviewApplyApiTest {
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
    String tag;
    OpenApiInteractionValidator validator;
    String document;
    final List<String> contract = new ArrayList<>();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        runs = new Runs(changes);
        d = fx.aDistrict();
        admin = fx.aDistrictAdminTokenOf(d);
        tag = RosterChangesTest.tag();
        document = http.get("/v3/api-docs", null).raw();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
        assertThat(runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 20, r -> { })).status()).isEqualTo(RunStatus.APPLIED);
    }

    @AfterEach
    void responsesFitTheDocument() {
        assertThat(contract).isEmpty();
    }

    private ImportReport aPreview() {
        var preview = runs.bulk(d.id(), true, RosterChangesTest.snapshot(tag, 20,
                r -> r.person("s99", Role.STUDENT, "Pre", "View", null, "sch-1").enroll("c1", "s99", Staged.EnrollmentRole.STUDENT)));
        assertThat(preview.status()).as("%s", preview).isEqualTo(RunStatus.PREVIEW);
        return preview;
    }

    @Test
    void aDistrictAdminAppliesAPreviewWithoutUploadingAgainAndOnlyOnce() {
        var preview = aPreview();
        String path = "/api/v1/sync-runs/" + preview.id() + "/apply";
        String teacher = fx.tokenFor(fx.aTeacher(d));
        String otherAdmin = fx.aDistrictAdminTokenOf(fx.aDistrict());
        var before = DbState.ofDistrict(jdbc, d.id());

        assertThat(call(path, teacher, 403).text("code")).isEqualTo("role_not_allowed");
        assertThat(call(path, otherAdmin, 404).text("code")).isEqualTo("not_found");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);

        var applied = call(path, admin, 200);

        assertThat(applied.text("status")).isEqualTo("APPLIED");
        assertThat(applied.text("id")).isEqualTo(preview.id().toString());
        assertThat(applied.body().get("counts").get("users").get("added").asInt()).isEqualTo(1);
        assertThat(applied.body().get("counts").get("enrollments").get("added").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and sourced_id = 's99' and status = 'ACTIVE'")
                .param(UUID.fromString(d.id())).query(Long.class).single()).isEqualTo(1);
        assertThat(DbState.stagedRows(jdbc, preview.id().value()))
                .as("an applied run's staged rows are dropped").isZero();
        var again = call(path, admin, 409);
        assertThat(again.text("code")).isEqualTo("not_previewed");
        assertThat(again.text("detail")).contains("APPLIED").contains("Upload the files again");
    }

    @Test
    void aPreviewOfARosterThatChangedSinceIsRefusedAsStaleAndChangesNothing() {
        var preview = aPreview();
        String s5 = jdbc.sql("select id from users where district_id = ? and sourced_id = 's5'").param(UUID.fromString(d.id()))
                .query(UUID.class).single().toString();
        assertThat(http.send("PATCH", "/api/v1/users/" + s5, admin, map("givenName", "Renamed")).status()).isEqualTo(200);
        var before = DbState.ofDistrict(jdbc, d.id());

        var stale = call("/api/v1/sync-runs/" + preview.id() + "/apply", admin, 409);

        assertThat(stale.text("code")).isEqualTo("held_run_stale");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(changes.run(Runs.VENDOR, preview.id()).status()).isEqualTo(RunStatus.PREVIEW);
    }

    @Test
    void aPreviewIsNotAppliedWhileAnotherRunOfTheDistrictIsInProgressNorOnceANewerPreviewReplacedIt() {
        var preview = aPreview();
        var running = changes.start(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.UPLOAD).value();
        var before = DbState.ofDistrict(jdbc, d.id());

        var busy = call("/api/v1/sync-runs/" + preview.id() + "/apply", admin, 409);

        assertThat(busy.text("code")).isEqualTo("import_in_progress");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        changes.fail(running, new Problems(), "test: stopped", true, 0);
        aPreview();

        var replaced = call("/api/v1/sync-runs/" + preview.id() + "/apply", admin, 409);

        assertThat(replaced.text("code")).isEqualTo("not_previewed");
        assertThat(replaced.text("detail")).contains("no longer kept");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    private Http.Response call(String path, String token, int expected) {
        Http.Response r = http.send("POST", path, token, null);
        assertThat(r.status()).as("POST %s -> %s", path, r).isEqualTo(expected);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.status());
        r.headers().map().forEach(response::withHeader);
        if (r.raw() != null && !r.raw().isEmpty()) {
            response.withBody(r.raw());
        }
        ValidationReport report = validator.validate(new SimpleRequest.Builder("POST", path).withHeader("Authorization", "Bearer " + token)
                .build(), response.build());
        if (report.hasErrors()) {
            contract.add("POST " + path + ": " + report.getMessages());
        }
        if (r.status() >= 400) {
            assertThat(document).as("the refusal's code is documented").contains(r.text("code"));
        }
        return r;
    }
}
