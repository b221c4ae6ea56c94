package com.seatkeeper.roster.changes;

import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.STUDENT;
import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a fresh tester found the engine let through or misreported (issue 9): values the API refuses, silent removals,
 * per-term enrollment rows, the run's record of what was asked and read, and counts in words.
 */
@ApiTest
class RosterChangesFindingsTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    Fixtures fx;
    Runs runs;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        runs = new Runs(changes);
    }

    @Test
    void aDeltaWithValuesTheApiRefusesIsRejectedNamingFileLineAndColumnAndNothingIsApplied() {
        var d = fx.aDistrict();
        String tag = RosterChangesTest.tag();
        assertThat(runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 3, r -> { })).status()).isEqualTo(RunStatus.APPLIED);
        DbState before = DbState.ofDistrict(jdbc, d.id());
        Map<RosterKind, FileMode> delta = new EnumMap<>(RosterKind.class);
        delta.put(RosterKind.USERS, FileMode.DELTA);
        delta.put(RosterKind.CLASSES, FileMode.DELTA);
        delta.put(RosterKind.SCHOOLS, FileMode.DELTA);

        var report = runs.run(d.id(), false, delta, r -> r
                .person("s1", Role.STUDENT, true, "x".repeat(300), "Student", null, "sch-1")
                .person("s2", Role.STUDENT, true, "Bell\u0007", "Esc\u001b", null, "sch-1")
                .person("s3", Role.STUDENT, true, "Sam", "\u202Eevil", "not-an-email", "sch-1")
                .person("s4", Role.STUDENT, true, "  Tidy\u00a0 ", " Name ", null, "sch-1")
                .klass("c1", "\u202Etitle", "sch-1")
                .school("sch-1", "\u0007North"));

        assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.REJECTED);
        assertThat(report.problems()).extracting(p -> p.file() + ":" + p.line() + ":" + p.column() + ":" + p.code())
                .containsExactlyInAnyOrder("users.csv:2:givenName:invalid_value", "users.csv:3:givenName:invalid_value",
                        "users.csv:3:familyName:invalid_value", "users.csv:4:familyName:invalid_value", "users.csv:4:email:invalid_email",
                        "classes.csv:2:title:invalid_value", "orgs.csv:2:name:invalid_value");
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.ERROR));
        assertThat(report.problems()).filteredOn(p -> p.line() == 2 && p.file().equals("users.csv")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("100"));
        assertThat(report.reason()).contains("7 errors");
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("nothing applied").isEqualTo(before);

        var fine = runs.run(d.id(), false, delta, r -> r.person("s4", Role.STUDENT, true, "  Tidy\u00a0 ", " Name ", null, "sch-1"));

        assertThat(fine.status()).as("%s", fine).isEqualTo(RunStatus.APPLIED);
        assertThat(jdbc.sql("select given_name || '|' || family_name from users where district_id = ? and sourced_id = 's4'")
                .param(UUID.fromString(d.id())).query(String.class).single()).as("stored normalized, as the API stores it").isEqualTo("Tidy|Name");
    }

    @Test
    void aBulkUploadRemovingWhatEarlierUploadsBroughtWarnsInPreviewAndApply() {
        var d = fx.aDistrict();
        String tag = RosterChangesTest.tag();
        assertThat(runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 40, r -> r.klass("c2", "Art", "sch-1"))).status())
                .isEqualTo(RunStatus.APPLIED);

        var preview = runs.bulk(d.id(), true, RosterChangesTest.snapshot(tag, 38, r -> { }));
        var applied = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 38, r -> { }));

        assertThat(preview.problems()).filteredOn(p -> p.code().equals("removed_by_upload")).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("2 people from earlier uploads are not in this upload and will be set inactive")
                    .contains("1 class from earlier uploads is not in this upload and will be removed");
        });
        assertThat(applied.status()).as("%s", applied).isEqualTo(RunStatus.APPLIED);
        assertThat(applied.problems()).filteredOn(p -> p.code().equals("removed_by_upload")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("2 people from earlier uploads are not in this upload and were set inactive"));

        var again = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 38, r -> { }));

        assertThat(again.problems()).as("nothing removed, nothing said").noneMatch(p -> p.code().equals("removed_by_upload"));
    }

    @Test
    void perTermEnrollmentRowsOfOnePersonAndRoleAreMergedWithAWarningButTwoRolesAreAnError() {
        var d = fx.aDistrict();
        String tag = RosterChangesTest.tag();

        var merged = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 2, r -> r.enroll("c1", "s1", STUDENT).enroll("c1", "s2", STUDENT)));

        assertThat(merged.status()).as("%s", merged).isEqualTo(RunStatus.APPLIED);
        assertThat(merged.counts().enrollments().added()).isEqualTo(3);
        assertThat(merged.problems()).filteredOn(p -> p.code().equals("repeated_enrollment"))
                .extracting(p -> p.file() + ":" + p.line() + ":" + p.severity())
                .containsExactly("enrollments.csv:5:WARNING", "enrollments.csv:6:WARNING");

        var d2 = fx.aDistrict();
        var twoRoles = runs.bulk(d2.id(), false, RosterChangesTest.snapshot(tag, 2, r -> r.enroll("c1", "t1", STUDENT)));

        assertThat(twoRoles.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(twoRoles.problems()).filteredOn(p -> p.code().equals("duplicate_enrollment")).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.line()).isEqualTo(5L);
            assertThat(p.message()).contains("as teacher and also as student");
        });
        assertThat(twoRoles.counts().enrollments()).isEqualTo(ImportReport.KindCounts.NONE);
        assertThat(TEACHER).isNotEqualTo(STUDENT);
    }

    @Test
    void aRejectedRunRecordsThatItWasAPreviewAndTheRowsReadAndCountsAllItsErrorsInGroupedDigits() {
        var d = fx.aDistrict();
        SyncRunId id = changes.start(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.UPLOAD).value();
        try (RosterStaging staging = changes.staging(id, Runs.all(FileMode.BULK), ReferenceColumns.ONEROSTER)) {
            staging.rowsRead(60_021);
        }
        Problems producer = new Problems();
        for (int i = 0; i < 60_021; i++) {
            producer.add(Problem.error(new RowAt("users.csv", i + 2), "role", "invalid_value", "bad role"));
        }

        var report = changes.complete(id, producer, true);

        assertThat(report.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(report.dryRun()).as("the request asked for a preview").isTrue();
        assertThat(report.rowsRead()).isEqualTo(60_021);
        assertThat(report.problemsOmitted()).isEqualTo(60_021 - Problems.LISTED);
        assertThat(report.reason()).contains("The input has 60,021 errors");

        SyncRunId failed = changes.start(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.UPLOAD).value();
        var unreadable = changes.fail(failed, new Problems(), "the upload could not be read", true, 12);

        assertThat(unreadable.dryRun()).isTrue();
        assertThat(unreadable.rowsRead()).isEqualTo(12);
    }

    @Test
    void addAllKeepsTheOtherTotals() {
        Problems other = new Problems();
        for (int i = 0; i < Problems.LISTED + 5; i++) {
            other.add(Problem.error(new RowAt("a.csv", i + 2), null, "x", "x"));
        }
        other.addUnlisted(Severity.WARNING, 7);
        Problems all = new Problems();
        all.add(Problem.warning(new RowAt("b.csv", 2), null, "w", "w"));

        all.addAll(other);

        assertThat(all.errors()).isEqualTo(Problems.LISTED + 5);
        assertThat(all.warnings()).isEqualTo(8);
        assertThat(all.listed()).hasSize(Problems.LISTED);
        assertThat(RosterChanges.count(60_021, "error", "errors")).isEqualTo("60,021 errors");
        assertThat(RosterChanges.count(1, "error", "errors")).isEqualTo("1 error");
    }
}
