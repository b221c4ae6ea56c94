package com.seatkeeper.roster.changes;

import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.STUDENT;
import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's side of syncs (issue 10): QUEUED runs (one per district, one NIGHTLY per night), begin, FAILED, stale
 * runs ended; a paused district's removals held back; a person whose sourcedId changed kept by email; grades.
 */
@ApiTest
class RosterSyncRunsTest {
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

    static Consumer<Runs.Rows> roster(String tag, int students) {
        return roster(tag, students, "09");
    }

    /** The roster of {@code students} students s1..sN in grades KG (odd) and 09 (even), but s2 in {@code gradeOfS2}. */
    static Consumer<Runs.Rows> roster(String tag, int students, String gradeOfS2) {
        return r -> {
            r.school("sch-1", "North " + tag);
            r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + tag + "@example.test", "sch-1");
            for (int i = 1; i <= students; i++) {
                r.student("s" + i, "Sam" + i, "Student", "s" + i + "-" + tag + "@example.test", i == 2 ? gradeOfS2 : i % 2 == 0 ? "09" : "KG",
                        "sch-1");
            }
            r.klass("c1", "Math 1", "sch-1").klass("c2", "Art", "sch-1");
            r.enroll("c1", "t1", TEACHER).enroll("c2", "t1", TEACHER);
            for (int i = 1; i <= students; i++) {
                r.enroll("c1", "s" + i, STUDENT);
            }
        };
    }

    @Test
    void aSyncIsQueuedOncePerDistrictBegunOnceAndANightRunsOnce() {
        var d = fx.aDistrict("CLEVER");
        DistrictId district = DistrictId.of(d.id());
        SyncRunId first = changes.queue(Runs.VENDOR, district, SyncTrigger.SAME_DAY, null).value();
        assertThat(changes.run(Runs.VENDOR, first).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(changes.run(Runs.VENDOR, first).phase()).isEqualTo(RunPhase.WAITING);

        var again = changes.queue(Runs.VENDOR, district, SyncTrigger.SAME_DAY, null);
        assertThat(again.isDone()).isFalse();
        var refusal = ((com.seatkeeper.shared.Outcome.Refused<SyncRunId>) again).refusal();
        assertThat(refusal.code()).isEqualTo("sync_already_queued");
        assertThat(refusal.properties()).containsEntry("syncRunId", first.toString());

        assertThat(changes.begin(first).isDone()).isTrue();
        assertThat(changes.run(Runs.VENDOR, first).status()).isEqualTo(RunStatus.RUNNING);
        var twice = changes.begin(first);
        assertThat(((com.seatkeeper.shared.Outcome.Refused<SyncRunId>) twice).refusal().code()).isEqualTo("not_queued");
        assertThat(((com.seatkeeper.shared.Outcome.Refused<SyncRunId>) changes.queue(Runs.VENDOR, district, SyncTrigger.SAME_DAY, null))
                .refusal().code()).as("running counts as queued").isEqualTo("sync_already_queued");

        changes.pulling(first, 3, 250);
        assertThat(changes.run(Runs.VENDOR, first).pagesRead()).isEqualTo(3);
        assertThat(changes.run(Runs.VENDOR, first).rowsRead()).isEqualTo(250);
        var failed = changes.fail(first, new Problems(), "Clever refused the district token (401)", false, 250);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.reason()).contains("401");

        LocalDate night = LocalDate.of(2026, 11, 30);
        SyncRunId nightly = changes.queue(Runs.VENDOR, district, SyncTrigger.NIGHTLY, night).value();
        changes.begin(nightly).value();
        changes.fail(nightly, new Problems(), "test", false, 0);
        var secondOfTheNight = changes.queue(Runs.VENDOR, district, SyncTrigger.NIGHTLY, night);
        assertThat(((com.seatkeeper.shared.Outcome.Refused<SyncRunId>) secondOfTheNight).refusal().properties())
                .as("one NIGHTLY run per night, even after the first ended").containsEntry("syncRunId", nightly.toString());
        assertThat(changes.queue(Runs.VENDOR, district, SyncTrigger.NIGHTLY, night.plusDays(1)).isDone()).isTrue();

        assertThat(changes.runsSince(district, SyncTrigger.SAME_DAY, Instant.now().minusSeconds(3600))).isEqualTo(1);
        assertThat(changes.runsSince(district, SyncTrigger.NIGHTLY, Instant.now().minusSeconds(3600))).isEqualTo(2);
    }

    @Test
    void aManualDistrictHasNothingToSyncAndAnUploadIsNotQueued() {
        var d = fx.aDistrict();
        var refused = changes.queue(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.SAME_DAY, null);
        assertThat(((com.seatkeeper.shared.Outcome.Refused<SyncRunId>) refused).refusal().code()).isEqualTo("rostering_not_connected");
    }

    @Test
    void aRunningSyncWhoseInstanceStoppedIsEndedFailedByTheSweep() {
        var d = fx.aDistrict("CLEVER");
        SyncRunId id = changes.queue(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.SAME_DAY, null).value();
        changes.begin(id).value();
        // the instance "died": its heartbeat is older than stale-run-after, and nothing of this instance beats it any more
        jdbc.sql("update sync_runs set heartbeat_at = now() - interval '1 hour' where id = ?").param(id.value()).update();
        assertThat(changes.endAbandonedRuns()).isGreaterThanOrEqualTo(1);
        var ended = changes.run(Runs.VENDOR, id);
        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.reason()).contains("stopped");
        assertThat(changes.queue(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.SAME_DAY, null).isDone()).isTrue();
    }

    @Test
    void aPausedDistrictKeepsEveryoneAndEveryClassButTakesAdditionsAndUpdates() {
        var d = fx.aDistrict("CLEVER");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var first = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 12));
        assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
        var pool = fx.aStudentPool(d, 10);
        assertThat(fx.assign(pool, id(d.id(), "s6")).status()).isEqualTo(201);

        // in the pause: s6 and class c2 are gone, s1 renamed, s13 new (12 students: one leaving stays under the deletion guard)
        Consumer<Runs.Rows> withoutS6AndArt = r -> {
            r.school("sch-1", "North " + tag);
            r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + tag + "@example.test", "sch-1");
            r.student("s1", "Samantha", "Student", "s1-" + tag + "@example.test", "KG", "sch-1");
            for (int i = 2; i <= 12; i++) {
                if (i == 6) {
                    continue;
                }
                r.student("s" + i, "Sam" + i, "Student", "s" + i + "-" + tag + "@example.test", i % 2 == 0 ? "09" : "KG", "sch-1");
            }
            r.student("s13", "Sam13", "Student", "s13-" + tag + "@example.test", "KG", "sch-1");
            r.klass("c1", "Math 1", "sch-1").enroll("c1", "t1", TEACHER);
            for (int i = 1; i <= 12; i++) {
                if (i != 6) {
                    r.enroll("c1", "s" + i, STUDENT);
                }
            }
            r.enroll("c1", "s13", STUDENT);
        };
        var paused = runs.sync(d.id(), new RosterChanges.ApplyOptions(true, "Clever says the district is paused until 2027-08-15"),
                withoutS6AndArt);

        assertThat(paused.status()).as("%s", paused).isEqualTo(RunStatus.APPLIED);
        assertThat(paused.counts().users().added()).isEqualTo(1);
        assertThat(paused.counts().users().updated()).isEqualTo(1);
        assertThat(paused.counts().users().removed()).isZero();
        assertThat(paused.counts().classes().removed()).isZero();
        assertThat(paused.counts().enrollments().removed()).isZero();
        assertThat(paused.licenses().released()).isZero();
        assertThat(status(d.id(), "s6")).isEqualTo("ACTIVE");
        assertThat(fx.holderIds(pool)).containsExactly(id(d.id(), "s6"));
        assertThat(jdbc.sql("select count(*) from classes where district_id = ? and sourced_id = 'c2'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(paused.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("removals_held");
            assertThat(p.message()).contains("paused until 2027-08-15").contains("1 person").contains("1 class");
        });

        // after the pause the same roster removes them
        var after = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, withoutS6AndArt);
        assertThat(after.status()).as("%s", after).isEqualTo(RunStatus.APPLIED);
        assertThat(after.counts().users().removed()).isEqualTo(1);
        assertThat(after.counts().classes().removed()).isEqualTo(1);
        assertThat(after.licenses().released()).isEqualTo(1);
        assertThat(status(d.id(), "s6")).isEqualTo("INACTIVE");
    }

    @Test
    void aPersonWhoseSourcedIdChangedWithTheirEmailIsTheSamePersonWithTheSameLicense() {
        var d = fx.aDistrict("CLEVER");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 3));
        String s3 = id(d.id(), "s3");
        var pool = fx.aStudentPool(d, 10);
        assertThat(fx.assign(pool, s3).status()).isEqualTo(201);

        // s3's email changed at the provider, which gave them a new id: s3-new with the OLD email is not the case here;
        // the provider keeps the email and the id changes (Clever: an email change can give a new id)
        var next = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, r -> {
            r.school("sch-1", "North " + tag);
            r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + tag + "@example.test", "sch-1");
            r.student("s1", "Sam1", "Student", "s1-" + tag + "@example.test", "KG", "sch-1");
            r.student("s2", "Sam2", "Student", "s2-" + tag + "@example.test", "09", "sch-1");
            r.student("s3-new", "Sam3", "Student", "s3-" + tag + "@example.test", "KG", "sch-1");
            r.klass("c1", "Math 1", "sch-1").klass("c2", "Art", "sch-1");
            r.enroll("c1", "t1", TEACHER).enroll("c2", "t1", TEACHER);
            r.enroll("c1", "s1", STUDENT).enroll("c1", "s2", STUDENT).enroll("c1", "s3-new", STUDENT);
        });

        assertThat(next.status()).as("%s", next).isEqualTo(RunStatus.APPLIED);
        assertThat(next.counts().users().added()).isZero();
        assertThat(next.counts().users().removed()).isZero();
        assertThat(next.licenses().released()).isZero();
        assertThat(id(d.id(), "s3-new")).isEqualTo(s3);
        assertThat(fx.holderIds(pool)).containsExactly(s3);
        assertThat(next.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("sourced_id_changed");
            assertThat(p.message()).contains("s3-new").contains("was s3");
        });
        // the enrollment stays the same row (same class and person)
        assertThat(next.counts().enrollments().added()).isZero();
        assertThat(next.counts().enrollments().removed()).isZero();
    }

    @Test
    void gradesAreKeptAndAnUnchangedSyncRewritesNothing() {
        var d = fx.aDistrict("CLEVER");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 4));
        assertThat(jdbc.sql("select grade from users where district_id = ? and sourced_id = 's2'").param(UUID.fromString(d.id()))
                .query(String.class).single()).isEqualTo("09");
        var same = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 4));
        assertThat(same.counts().users().updated()).isZero();
        assertThat(same.counts().users().unchanged()).isEqualTo(5);
        var regraded = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 4, "10"));
        assertThat(regraded.counts().users().updated()).isEqualTo(1);
        assertThat(jdbc.sql("select grade from users where district_id = ? and sourced_id = 's2'").param(UUID.fromString(d.id()))
                .query(String.class).single()).isEqualTo("10");
    }

    @Test
    void aHeldSyncThatANewerSyncSupersededCanNoLongerBeConfirmed() {
        var d = fx.aDistrict("CLEVER");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        assertThat(runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 12)).status()).isEqualTo(RunStatus.APPLIED);
        // most students gone at the provider: held by the deletion guard
        var held = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 2));
        assertThat(held.status()).as("%s", held).isEqualTo(RunStatus.HELD);
        assertThat(held.reason()).startsWith("This Clever sync would deactivate").contains("at the provider").doesNotContain("upload");
        // the provider has everyone again: the newer sync applies (nothing to change)
        assertThat(runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 12)).status()).isEqualTo(RunStatus.APPLIED);

        var confirm = changes.confirm(Runs.VENDOR, held.id());

        assertThat(((com.seatkeeper.shared.Outcome.Refused<ImportReport>) confirm).refusal().code()).isEqualTo("not_held");
        var after = changes.run(Runs.VENDOR, held.id());
        assertThat(after.status()).isEqualTo(RunStatus.DISCARDED);
        assertThat(after.reason()).startsWith("Superseded");
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and status = 'ACTIVE'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).isEqualTo(13);
    }

    @Test
    void aSyncSkipsAnEnrollmentOfARecordTheProviderDidNotSendAndNamesTheRecordOfABadValue() {
        var d = fx.aDistrict("CLEVER");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var report = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 3).andThen(r -> r.enroll("c1", "not-shared", STUDENT)));

        assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.APPLIED);
        assertThat(report.counts().enrollments().added()).isEqualTo(5);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("unknown_reference");
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("not-shared").contains("skipped");
        });

        var bad = runs.sync(d.id(), RosterChanges.ApplyOptions.NONE, roster(tag, 3).andThen(
                r -> r.student("s9", "x".repeat(109), "Student", null, "KG", "sch-1")));
        assertThat(bad.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(bad.reason()).contains("The roster the provider sent has 1 error").contains("next sync").doesNotContain("upload");
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p.message()).startsWith("person s9: "));
    }

    @Test
    void anAppliedPreviewKeepsTheProducersWarningsAndAListCountsEveryProblemAsOmitted() {
        var d = fx.aDistrict();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SyncRunId id = changes.start(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.UPLOAD).value();
        Runs.Rows rows = new Runs.Rows();
        roster(tag, 3).accept(rows);
        Problems producer = new Problems();
        producer.add(Problem.warning(new RowAt("users.csv", 3), "grades", "unknown_grade", "Grade 13 is not a CEDS grade; kept as given."));
        try (RosterStaging staging = changes.staging(id, Runs.all(FileMode.BULK), ReferenceColumns.ONEROSTER)) {
            rows.writeTo(staging);
        }
        assertThat(changes.complete(id, producer, true).status()).isEqualTo(RunStatus.PREVIEW);

        var applied = changes.applyPreview(Runs.VENDOR, id).value();

        assertThat(applied.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(applied.problems()).extracting(Problem::code).containsOnlyOnce("unknown_grade");
        var listed = changes.history(Runs.VENDOR, DistrictId.of(d.id()), com.seatkeeper.shared.PageRequest.of(10, 0)).value().items();
        assertThat(listed).filteredOn(r -> r.id().equals(id)).singleElement().satisfies(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.problemsOmitted()).isEqualTo(applied.problems().size() + applied.problemsOmitted());
        });
    }

    private String id(String district, String sourcedId) {
        return jdbc.sql("select cast(id as text) from users where district_id = ? and sourced_id = ?")
                .params(List.of(UUID.fromString(district), sourcedId)).query(String.class).single();
    }

    private String status(String district, String sourcedId) {
        return jdbc.sql("select status from users where district_id = ? and sourced_id = ?")
                .params(List.of(UUID.fromString(district), sourcedId)).query(String.class).single();
    }
}
