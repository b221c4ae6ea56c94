package com.seatkeeper.roster.changes;

import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.STUDENT;
import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's comparison and apply on the real PostgreSQL, with snapshots staged through {@link RosterStaging} (COPY):
 * counts per kind and mode, idempotence (no row rewritten), removals, adoption, reactivation.
 */
@ApiTest
class RosterChangesTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    Fixtures fx;
    Runs runs;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        runs = new Runs(changes);
    }

    /** A district's snapshot: two schools, a teacher, {@code students} students (s1..sN), class c1 with all of them. */
    static Consumer<Runs.Rows> snapshot(String tag, int students, Consumer<Runs.Rows> more) {
        return r -> {
            r.school("sch-1", "North " + tag).school("sch-2", "South " + tag);
            r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + tag + "@example.test", "sch-1");
            for (int i = 1; i <= students; i++) {
                r.person("s" + i, Role.STUDENT, "Sam" + i, "Student", null, i % 2 == 0 ? "sch-2" : "sch-1");
            }
            r.klass("c1", "Math 1", "sch-1");
            r.enroll("c1", "t1", TEACHER);
            for (int i = 1; i <= students; i++) {
                r.enroll("c1", "s" + i, STUDENT);
            }
            more.accept(r);
        };
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFirstUploadAddsEverythingASecondChangesNothingAndWritesNoRow() {
        var d = fx.aDistrict();
        String tag = tag();
        var first = runs.bulk(d.id(), false, snapshot(tag, 20, r -> { }));

        assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
        assertThat(first.counts().users()).isEqualTo(new ImportReport.UserCounts(21, 0, 0, 0, 0, 0, 0));
        assertThat(first.counts().schools()).isEqualTo(new ImportReport.KindCounts(2, 0, 0, 0));
        assertThat(first.counts().classes()).isEqualTo(new ImportReport.KindCounts(1, 0, 0, 0));
        assertThat(first.counts().enrollments()).isEqualTo(new ImportReport.KindCounts(21, 0, 0, 0));
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and source = 'UPLOAD' and status = 'ACTIVE'")
                .param(UUID.fromString(d.id())).query(Long.class).single()).isEqualTo(21);
        assertThat(DbState.stagedRows(jdbc, first.id().value()))
                .as("an applied run's staged rows are dropped").isZero();
        Map<String, Object> rowVersions = DbState.rowVersions(jdbc, d.id());

        var second = runs.bulk(d.id(), false, snapshot(tag, 20, r -> { }));

        assertThat(second.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(second.counts().users()).isEqualTo(new ImportReport.UserCounts(0, 0, 0, 21, 0, 0, 0));
        assertThat(second.counts().schools()).isEqualTo(new ImportReport.KindCounts(0, 0, 0, 2));
        assertThat(second.counts().classes()).isEqualTo(new ImportReport.KindCounts(0, 0, 0, 1));
        assertThat(second.counts().enrollments()).isEqualTo(new ImportReport.KindCounts(0, 0, 0, 21));
        assertThat(DbState.rowVersions(jdbc, d.id())).as("no roster row was rewritten (same xmin everywhere)").isEqualTo(rowVersions);
    }

    @Test
    void updatesRemovalsAndClassRemovalAreCountedPerKindAndPeopleAreOnlySetInactive() {
        var d = fx.aDistrict();
        String tag = tag();
        runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.klass("c2", "Art", "sch-2").enroll("c2", "t1", TEACHER)));

        // s1 renamed, s2 gone, s3 out of c1, class c2 gone (with its enrollment), class c3 new
        var next = runs.bulk(d.id(), false, r -> {
            r.school("sch-1", "North " + tag).school("sch-2", "South " + tag);
            r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + tag + "@example.test", "sch-1");
            r.person("s1", Role.STUDENT, "Samantha", "Student", null, "sch-1");
            for (int i = 3; i <= 20; i++) {
                r.person("s" + i, Role.STUDENT, "Sam" + i, "Student", null, i % 2 == 0 ? "sch-2" : "sch-1");
            }
            r.klass("c1", "Math 1", "sch-1").klass("c3", "Music", "sch-2");
            r.enroll("c1", "t1", TEACHER).enroll("c3", "t1", TEACHER).enroll("c1", "s1", STUDENT);
            for (int i = 4; i <= 20; i++) {
                r.enroll("c1", "s" + i, STUDENT);
            }
        });

        assertThat(next.status()).as("%s", next).isEqualTo(RunStatus.APPLIED);
        assertThat(next.counts().users()).isEqualTo(new ImportReport.UserCounts(0, 1, 1, 19, 0, 0, 0));
        assertThat(next.counts().classes()).isEqualTo(new ImportReport.KindCounts(1, 0, 1, 1));
        // removed: s2 and s3 from c1, t1 from c2 (class removed)
        assertThat(next.counts().enrollments()).isEqualTo(new ImportReport.KindCounts(1, 0, 3, 19));
        assertThat(next.counts().schools()).isEqualTo(new ImportReport.KindCounts(0, 0, 0, 2));
        assertThat(status(d.id(), "s2")).as("a person who left is kept, inactive").isEqualTo("INACTIVE");
        assertThat(status(d.id(), "s3")).as("a removed enrollment is not a person leaving").isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select given_name from users where district_id = ? and sourced_id = 's1'").param(UUID.fromString(d.id()))
                .query(String.class).single()).isEqualTo("Samantha");
        assertThat(jdbc.sql("select count(*) from classes where district_id = ? and sourced_id = 'c2'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).isZero();
    }

    @Test
    void peopleAndClassesCreatedByHandAreNeverRemovedByAnUpload() {
        var d = fx.aDistrict();
        String manualStudent = fx.aStudent(d);
        String manualTeacher = fx.aTeacher(d);
        String manualClass = fx.aClass(d, List.of(manualTeacher), List.of(manualStudent));
        String tag = tag();
        runs.bulk(d.id(), false, snapshot(tag, 20, r -> { }));
        DbState.ofDistrict(jdbc, d.id());

        var again = runs.bulk(d.id(), false, snapshot(tag, 19, r -> { }));

        assertThat(again.status()).as("%s", again).isEqualTo(RunStatus.APPLIED);
        assertThat(again.counts().users().removed()).isEqualTo(1);
        assertThat(jdbc.sql("select status from users where id = ?").param(UUID.fromString(manualStudent)).query(String.class).single())
                .isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select count(*) from enrollments where class_id = ?").param(UUID.fromString(manualClass)).query(Long.class)
                .single()).isEqualTo(2);
    }

    @Test
    void aPersonCreatedByHandWithTheSameEmailIsAdoptedKeepingIdAndSignInAndAReturningPersonIsReactivatedWithAWarning() {
        var d = fx.aDistrict();
        String manual = fx.aTeacher(d);
        String email = fx.emailOf(manual);
        String tag = tag();
        var adopted = runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.person("t2", Role.TEACHER, "Ada", "Adopted", email.toUpperCase(),
                "sch-1")));

        assertThat(adopted.status()).as("%s", adopted).isEqualTo(RunStatus.APPLIED);
        assertThat(adopted.counts().users().adopted()).isEqualTo(1);
        assertThat(adopted.counts().users().added()).isEqualTo(21);
        var row = jdbc.sql("select source, sourced_id, status from users where id = ?").param(UUID.fromString(manual)).query().singleRow();
        assertThat(row).containsEntry("source", "UPLOAD").containsEntry("sourced_id", "t2").containsEntry("status", "ACTIVE");

        runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.person("t2", Role.TEACHER, "Ada", "Adopted", email.toUpperCase(), "sch-1")
                .person("s21", Role.STUDENT, "Rae", "Returning", null, "sch-1")));
        var without = runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.person("t2", Role.TEACHER, "Ada", "Adopted", email.toUpperCase(),
                "sch-1")));
        assertThat(without.counts().users().removed()).isEqualTo(1);
        assertThat(status(d.id(), "s21")).isEqualTo("INACTIVE");

        var back = runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.person("t2", Role.TEACHER, "Ada", "Adopted", email.toUpperCase(),
                "sch-1").person("s21", Role.STUDENT, "Rae", "Returning", null, "sch-1")));

        assertThat(back.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(back.counts().users().reactivated()).isEqualTo(1);
        assertThat(back.counts().users().updated()).isZero();
        assertThat(status(d.id(), "s21")).isEqualTo("ACTIVE");
        assertThat(back.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("reactivated");
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.file()).isEqualTo("users.csv");
            assertThat(p.line()).isEqualTo(24L);
            assertThat(p.message()).contains("not given back");
        });
    }

    @Test
    void aDeltaAddsChangesAndRemovesOnlyWhatItNames() {
        var d = fx.aDistrict();
        String tag = tag();
        runs.bulk(d.id(), false, snapshot(tag, 20, r -> { }));
        Map<RosterKind, FileMode> delta = Runs.all(FileMode.DELTA);
        delta.put(RosterKind.SCHOOLS, FileMode.ABSENT);
        delta.put(RosterKind.CLASSES, FileMode.ABSENT);

        var report = runs.run(d.id(), false, delta, r -> r.person("s21", Role.STUDENT, "New", "Student", null, "sch-1")
                .enroll("c1", "s21", STUDENT).delete(RosterKind.USERS, "s5", null).delete(RosterKind.ENROLLMENTS, "c1", "s6"));

        assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.APPLIED);
        assertThat(report.counts().users()).isEqualTo(new ImportReport.UserCounts(1, 0, 1, 0, 0, 0, 0));
        assertThat(report.counts().enrollments()).isEqualTo(new ImportReport.KindCounts(1, 0, 1, 0));
        assertThat(report.counts().classes()).isEqualTo(ImportReport.KindCounts.NONE);
        assertThat(status(d.id(), "s5")).isEqualTo("INACTIVE");
        assertThat(status(d.id(), "s6")).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and status = 'ACTIVE'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).isEqualTo(21);
    }

    @Test
    void aPreviewReportsWhatAnApplyWouldDoAndChangesNothing() {
        var d = fx.aDistrict();
        var before = DbState.ofDistrict(jdbc, d.id());

        var preview = runs.bulk(d.id(), true, snapshot(tag(), 20, r -> { }));

        assertThat(preview.status()).isEqualTo(RunStatus.PREVIEW);
        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.counts().users().added()).isEqualTo(21);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(DbState.stagedRows(jdbc, preview.id().value()))
                .as("the latest preview keeps its snapshot for Apply").isPositive();

        var applied = changes.applyPreview(Runs.VENDOR, preview.id()).value();

        assertThat(applied.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(applied.counts()).isEqualTo(preview.counts());
    }

    @Test
    void referenceDuplicateEmailAndRoleProblemsNameFileLineAndColumnAndNothingIsApplied() {
        var d = fx.aDistrict();
        String tag = tag();
        String taken = "kept-" + tag + "@example.test";
        runs.bulk(d.id(), false, r -> r.school("sch-1", "North " + tag).person("u9", Role.TEACHER, "Kim", "Kept", taken, "sch-1"));
        var before = DbState.ofDistrict(jdbc, d.id());

        // u9 is absent (set inactive, keeping the email), and another person brings u9's email
        var report = runs.bulk(d.id(), false, r -> r.school("sch-1", "North " + tag)
                .person("t1", Role.TEACHER, "Tess", "Teacher", "dup@example.test", "sch-1")       // users.csv line 2
                .person("t2", Role.TEACHER, "Tom", "Teacher", "DUP@example.test", "sch-1")        // line 3: same email
                .person("t3", Role.TEACHER, "Tim", "Teacher", taken, "sch-9")                     // line 4: email of another, unknown school
                .person("t1", Role.TEACHER, "Tess", "Again", null, "sch-1")                        // line 5: duplicate sourcedId
                .person("s1", Role.STUDENT, "Sam", "Student", null, "sch-1")                       // line 6
                .klass("c1", "Math", "sch-7")                                                      // classes.csv line 2: unknown school
                .enroll("c1", "s1", TEACHER)                                                       // enrollments.csv line 2: role
                .enroll("c9", "s1", STUDENT)                                                       // line 3: unknown class
                .enroll("c1", "s9", STUDENT));                                                     // line 4: unknown user

        assertThat(report.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(report.reason()).contains("nothing was changed");
        assertThat(report.problems()).extracting(p -> p.file() + ":" + p.line() + ":" + p.column() + ":" + p.code())
                .containsExactlyInAnyOrder(
                        "users.csv:5:sourcedId:duplicate_sourced_id",
                        "users.csv:4:orgSourcedIds:unknown_reference",
                        "classes.csv:2:schoolSourcedId:unknown_reference",
                        "enrollments.csv:3:classSourcedId:unknown_reference",
                        "enrollments.csv:4:userSourcedId:unknown_reference",
                        "users.csv:2:email:duplicate_email",
                        "users.csv:3:email:duplicate_email",
                        "users.csv:4:email:duplicate_email",
                        "enrollments.csv:2:role:enrollment_role_mismatch");
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.ERROR));
        assertThat(report.problems()).filteredOn(p -> p.line() == 4 && "email".equals(p.column())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains(taken).contains("another person of the district"));
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(changes.run(Runs.VENDOR, report.id()).problems()).hasSize(9);
    }

    @Test
    void theProducersErrorsRejectTheRunWithTheirProblems() {
        var d = fx.aDistrict();
        var before = DbState.ofDistrict(jdbc, d.id());

        var report = runs.bulk(d.id(), false, r -> {
            r.school("sch-1", "North " + tag());
            r.problems.add(Problem.error(new RowAt("users.csv", 7), "birthDate", "invalid_date", "1/05/2023 is not a date: write 2023-05-01."));
        });

        assertThat(report.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(report.problems()).extracting(Problem::code).containsExactly("invalid_date");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aFailureWhileApplyingRollsEverythingBackAndEndsRejectedWithTheReason() {
        var d = fx.aDistrict();
        var before = DbState.ofDistrict(jdbc, d.id());

        // every check of the engine passes, but a CHECK of the database (added for this test only) refuses a class midway
        String tag = tag();
        jdbc.sql("alter table classes add constraint test_refuses_" + tag + " check (name <> 'Refused " + tag + "') not valid").update();
        ImportReport report;
        try {
            report = runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.klass("c2", "Refused " + tag, "sch-1")));
        } finally {
            jdbc.sql("alter table classes drop constraint test_refuses_" + tag).update();
        }

        assertThat(report.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(report.reason()).contains("nothing was changed").contains("test_refuses_" + tag);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aSecondRunOfTheDistrictIsRefusedWhileOneIsRunningUnlessItsInstanceStoppedBeating() {
        var d = fx.aDistrict();
        var district = com.seatkeeper.shared.DistrictId.of(d.id());
        assertThat(changes.check(Runs.VENDOR, district, SyncTrigger.UPLOAD)).isEmpty();
        SyncRunId first = changes.start(Runs.VENDOR, district, SyncTrigger.UPLOAD).value();
        long runsBefore = jdbc.sql("select count(*) from sync_runs where district_id = ?").param(UUID.fromString(d.id())).query(Long.class).single();

        assertThat(changes.check(Runs.VENDOR, district, SyncTrigger.UPLOAD)).get()
                .satisfies(r -> assertThat(r.code()).isEqualTo("import_in_progress"));
        assertThat(jdbc.sql("select count(*) from sync_runs where district_id = ?").param(UUID.fromString(d.id())).query(Long.class).single())
                .as("check writes nothing").isEqualTo(runsBefore);
        var second = changes.start(Runs.VENDOR, district, SyncTrigger.UPLOAD);

        assertThat(second.isDone()).isFalse();
        var refusal = ((com.seatkeeper.shared.Outcome.Refused<SyncRunId>) second).refusal();
        assertThat(refusal.code()).isEqualTo("import_in_progress");
        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.detail()).contains(first.toString());

        jdbc.sql("update sync_runs set heartbeat_at = now() - interval '1 hour' where id = ?").param(first.value()).update();
        assertThat(changes.check(Runs.VENDOR, district, SyncTrigger.UPLOAD)).as("a run that stopped beating does not count").isEmpty();
        var third = changes.start(Runs.VENDOR, district, SyncTrigger.UPLOAD);

        assertThat(third.isDone()).isTrue();
        assertThat(changes.run(Runs.VENDOR, first).status()).isEqualTo(RunStatus.REJECTED);
        assertThat(changes.run(Runs.VENDOR, first).reason()).contains("stopped");
    }

    @Test
    void stagingReportsRowsReadWhileRunningAndSkippedPeopleAreCounted() {
        var d = fx.aDistrict();
        SyncRunId id = changes.start(Runs.VENDOR, com.seatkeeper.shared.DistrictId.of(d.id()), SyncTrigger.UPLOAD).value();
        assertThat(changes.progress(Runs.VENDOR, id).phase()).isEqualTo(RunPhase.RECEIVING);
        RosterStaging staging = changes.staging(id, Runs.all(FileMode.BULK), ReferenceColumns.ONEROSTER);
        staging.school(new Staged.School("sch-1", "Back\\slash " + tag(), new RowAt("orgs.csv", 2)));
        staging.skippedPeople(3);
        staging.rowsRead(7);

        var running = changes.progress(Runs.VENDOR, id);

        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.phase()).isEqualTo(RunPhase.READING);
        assertThat(running.rowsRead()).isEqualTo(7);
        staging.close();
        var done = changes.complete(id, new Problems(), false);
        assertThat(done.counts().users().skipped()).isEqualTo(3);
        assertThat(done.counts().schools().added()).isEqualTo(1);
        assertThat(jdbc.sql("select name from schools where district_id = ? and sourced_id = 'sch-1'").param(UUID.fromString(d.id()))
                .query(String.class).single()).as("COPY escaping keeps backslashes").startsWith("Back\\slash ");
    }

    @Test
    void aNewPreviewSupersedesTheDistrictsEarlierOneWhichCanNoLongerBeApplied() {
        var d = fx.aDistrict();
        String tag = tag();
        var older = runs.bulk(d.id(), true, snapshot(tag, 20, r -> { }));
        var newer = runs.bulk(d.id(), true, snapshot(tag, 21, r -> { }));

        var refused = changes.applyPreview(Runs.VENDOR, older.id());

        assertThat(((com.seatkeeper.shared.Outcome.Refused<ImportReport>) refused).refusal().code()).isEqualTo("not_previewed");
        assertThat(DbState.stagedRows(jdbc, older.id().value())).isZero();
        assertThat(changes.applyPreview(Runs.VENDOR, newer.id()).value().counts().users().added()).isEqualTo(22);
    }

    @Test
    void aSchoolWithoutASourcedIdMatchIsAdoptedByNameAndAnAbsentEmptySchoolIsRetired() {
        var d = fx.aDistrict();
        String manualName = jdbc.sql("select name from schools where id = ?").param(UUID.fromString(d.schoolId())).query(String.class).single();
        String tag = tag();

        var first = runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.school("sch-3", manualName.toUpperCase()).school("sch-4", "Old " + tag)));

        assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
        assertThat(first.counts().schools()).isEqualTo(new ImportReport.KindCounts(3, 1, 0, 0));
        assertThat(jdbc.sql("select source || ':' || sourced_id from schools where id = ?").param(UUID.fromString(d.schoolId()))
                .query(String.class).single()).as("the school made by hand keeps its id and now carries the sourcedId").isEqualTo("UPLOAD:sch-3");

        var second = runs.bulk(d.id(), false, snapshot(tag, 20, r -> r.school("sch-3", manualName.toUpperCase())));

        assertThat(second.counts().schools()).isEqualTo(new ImportReport.KindCounts(0, 0, 1, 3));
        assertThat(jdbc.sql("select status from schools where district_id = ? and sourced_id = 'sch-4'").param(UUID.fromString(d.id()))
                .query(String.class).single()).isEqualTo("INACTIVE");
    }

    @Test
    void anUploadToACleverDistrictIsRefused() {
        var d = fx.aDistrict("CLEVER");
        var out = changes.start(Runs.VENDOR, com.seatkeeper.shared.DistrictId.of(d.id()), SyncTrigger.UPLOAD);
        assertThat(((com.seatkeeper.shared.Outcome.Refused<SyncRunId>) out).refusal().code()).isEqualTo("roster_read_only");
        assertThat(changes.check(Runs.VENDOR, com.seatkeeper.shared.DistrictId.of(d.id()), SyncTrigger.UPLOAD)).get()
                .satisfies(r -> assertThat(r.code()).isEqualTo("roster_read_only"));
    }

    private String status(String district, String sourcedId) {
        return jdbc.sql("select status from users where district_id = ? and sourced_id = ?").params(UUID.fromString(district), sourcedId)
                .query(String.class).single();
    }

    /** Every roster row of the district with its xmin (the transaction that last wrote it). */

    static Set<String> codes(ImportReport r) {
        return Set.copyOf(r.problems().stream().map(Problem::code).toList());
    }
}
